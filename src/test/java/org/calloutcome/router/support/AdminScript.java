package org.calloutcome.router.support;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** {@code scripts/admin.sh} as an operator runs it against a router: its exit code and what it printed. */
public final class AdminScript {
    public record Result(int exit, String output) {
    }

    private AdminScript() {
    }

    public static Result run(String routerUrl, String token, String... arguments) throws Exception {
        List<String> command = new ArrayList<>(List.of("bash", "scripts/admin.sh"));
        command.addAll(List.of(arguments));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().put("ROUTER_URL", routerUrl);
        builder.environment().put("ADMIN_TOKEN", token);
        Process process = builder.start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        return new Result(process.waitFor(), output);
    }
}
