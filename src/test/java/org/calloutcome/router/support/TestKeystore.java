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

    public static TestKeystore create(Path file) throws Exception {
        Files.createDirectories(file.getParent());
        Files.deleteIfExists(file);
        String password = "keystore-test-password";
        Process keytool = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "keytool").toString(),
                "-genkeypair", "-alias", "router", "-keyalg", "RSA", "-keysize", "2048", "-validity", "2",
                "-dname", "CN=call-outcome-router", "-storetype", "PKCS12", "-keystore", file.toString(),
                "-storepass", password, "-keypass", password).redirectErrorStream(true).start();
        String output = new String(keytool.getInputStream().readAllBytes());
        if (!keytool.waitFor(60, TimeUnit.SECONDS) || keytool.exitValue() != 0) {
            throw new IllegalStateException("keytool failed: " + output);
        }
        KeyStore keystore = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(file)) {
            keystore.load(in, password.toCharArray());
        }
        return new TestKeystore(file, password, keystore.getCertificate("router").getPublicKey());
    }
}
