package org.calloutcome.router.support;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.PublicKey;
import java.util.concurrent.TimeUnit;

/**
 * A PKCS12 keystore with one RSA key and its self-signed certificate, made by the JDK's keytool: what an admin makes
 * for the JWT bearer flow, uploading the certificate to the app.
 */
public record TestKeystore(Path file, String password, PublicKey certificateKey) {
    private static final String PASSWORD = "keystore-test-password";

    public static TestKeystore create(Path file) throws Exception {
        return create(file, "CN=call-outcome-router");
    }

    /** A server's keystore for localhost (its certificate names localhost and 127.0.0.1), and a trust store beside it. */
    public static TestKeystore server(Path file) throws Exception {
        TestKeystore server = create(file, "CN=localhost", "-ext", "SAN=dns:localhost,ip:127.0.0.1");
        Path certificate = file.resolveSibling(file.getFileName() + ".cer");
        Files.deleteIfExists(certificate);
        Files.deleteIfExists(server.trustStore());
        keytool("-exportcert", "-alias", "router", "-keystore", file.toString(), "-storepass", PASSWORD,
                "-file", certificate.toString());
        keytool("-importcert", "-noprompt", "-alias", "server", "-file", certificate.toString(), "-storetype", "PKCS12",
                "-keystore", server.trustStore().toString(), "-storepass", PASSWORD);
        return server;
    }

    /** The trust store that trusts this keystore's certificate (made by {@link #server}). */
    public Path trustStore() {
        return file.resolveSibling("trust-" + file.getFileName());
    }

    /** TLS with this keystore's key, for a server. */
    public javax.net.ssl.SSLContext serverContext() throws Exception {
        KeyStore keystore = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(file)) {
            keystore.load(in, password.toCharArray());
        }
        javax.net.ssl.KeyManagerFactory keys = javax.net.ssl.KeyManagerFactory.getInstance(
                javax.net.ssl.KeyManagerFactory.getDefaultAlgorithm());
        keys.init(keystore, password.toCharArray());
        javax.net.ssl.SSLContext tls = javax.net.ssl.SSLContext.getInstance("TLS");
        tls.init(keys.getKeyManagers(), null, null);
        return tls;
    }

    private static TestKeystore create(Path file, String name, String... more) throws Exception {
        Files.createDirectories(file.getParent());
        Files.deleteIfExists(file);
        java.util.List<String> arguments = new java.util.ArrayList<>(java.util.List.of("-genkeypair", "-alias", "router",
                "-keyalg", "RSA", "-keysize", "2048", "-validity", "2", "-dname", name, "-storetype", "PKCS12",
                "-keystore", file.toString(), "-storepass", PASSWORD, "-keypass", PASSWORD));
        arguments.addAll(java.util.List.of(more));
        keytool(arguments.toArray(String[]::new));
        KeyStore keystore = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(file)) {
            keystore.load(in, PASSWORD.toCharArray());
        }
        return new TestKeystore(file, PASSWORD, keystore.getCertificate("router").getPublicKey());
    }

    private static void keytool(String... arguments) throws Exception {
        java.util.List<String> command = new java.util.ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "keytool").toString());
        command.addAll(java.util.List.of(arguments));
        Process keytool = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(keytool.getInputStream().readAllBytes());
        if (!keytool.waitFor(60, TimeUnit.SECONDS) || keytool.exitValue() != 0) {
            throw new IllegalStateException("keytool failed: " + output);
        }
    }
}
