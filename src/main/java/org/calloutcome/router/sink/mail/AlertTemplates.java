package org.calloutcome.router.sink.mail;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.Expression;

/**
 * The alert mail templates (Camel Simple language) under {@code router.mail.templates}, each replaced by the file of
 * its name in the configuration folder's {@code templates/}, where there is one. From the classpath they are read
 * once; from a folder ({@code file:templates}, the dev profile, or the configuration folder) a template is read again
 * whenever it changed, so an edit shows in the next alert without a restart.
 */
public final class AlertTemplates {
    private record Loaded(long modified, Expression expression) {
    }

    private final CamelContext context;
    private final String location;
    private final Path replacements;
    private final Map<String, Loaded> loaded = new ConcurrentHashMap<>();

    public AlertTemplates(CamelContext context, String location) {
        this(context, location, null);
    }

    /** @param replacements a folder whose files replace the templates of their name (null: none) */
    public AlertTemplates(CamelContext context, String location, Path replacements) {
        this.context = context;
        this.location = location.endsWith("/") ? location : location + "/";
        this.replacements = replacements;
    }

    /** The text part of the mail the exchange carries (an alert or a digest). */
    public String text(Exchange exchange) throws IOException {
        return render(exchange, isDigest(exchange) ? "digest.txt" : "alert.txt");
    }

    /** The HTML part. */
    public String html(Exchange exchange) throws IOException {
        return render(exchange, isDigest(exchange) ? "digest.html" : "alert.html");
    }

    private static boolean isDigest(Exchange exchange) {
        return exchange.getProperty(MailWork.MAIL, AlertMail.class).digest();
    }

    private String render(Exchange exchange, String name) throws IOException {
        return template(name).evaluate(exchange, String.class);
    }

    private Expression template(String name) throws IOException {
        if (replacements != null && Files.isRegularFile(replacements.resolve(name))) {
            return fromFile(replacements.resolve(name));
        }
        if (location.startsWith("file:")) {
            return fromFile(Path.of(location.substring("file:".length()), name));
        }
        Loaded once = loaded.get("classpath:" + name);
        if (once == null) {
            String resource = location.substring(location.indexOf(':') + 1) + name;
            try (InputStream in = AlertTemplates.class.getClassLoader().getResourceAsStream(resource)) {
                if (in == null) {
                    throw new IOException("no alert template " + location + name);
                }
                once = new Loaded(0, compile(new String(in.readAllBytes(), StandardCharsets.UTF_8)));
            }
            loaded.put("classpath:" + name, once);
        }
        return once.expression();
    }

    private Expression fromFile(Path file) throws IOException {
        long modified = Files.getLastModifiedTime(file).toMillis();
        String key = file.toString();
        Loaded current = loaded.get(key);
        if (current == null || current.modified() != modified) {
            current = new Loaded(modified, compile(Files.readString(file, StandardCharsets.UTF_8)));
            loaded.put(key, current);
        }
        return current.expression();
    }

    private Expression compile(String template) {
        Expression expression = context.resolveLanguage("simple").createExpression(template);
        expression.init(context);
        return expression;
    }
}
