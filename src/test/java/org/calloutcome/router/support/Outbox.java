package org.calloutcome.router.support;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Properties;
import java.util.stream.Stream;

import jakarta.mail.Multipart;
import jakarta.mail.Session;
import jakarta.mail.internet.MimeMessage;

/** The alert mails the router wrote to its {@code .eml} outbox folder, as a mail program reads them. */
public final class Outbox {
    /** One mail: its subject, recipients and text part. */
    public record Mail(String subject, String to, String text) {
    }

    private final Path folder;

    public Outbox(String folder) {
        this.folder = Path.of(folder);
    }

    public void empty() throws IOException {
        for (Path file : files()) {
            Files.delete(file);
        }
    }

    public List<Mail> mails() {
        List<Mail> mails = new ArrayList<>();
        try {
            for (Path file : files()) {
                try (InputStream in = Files.newInputStream(file)) {
                    MimeMessage mail = new MimeMessage(Session.getInstance(new Properties()), in);
                    Object content = mail.getContent();
                    String text = content instanceof Multipart parts ? (String) parts.getBodyPart(0).getContent()
                            : String.valueOf(content);
                    mails.add(new Mail(mail.getSubject(), mail.getAllRecipients()[0].toString(),
                            text.replace("\r\n", "\n")));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
        return mails;
    }

    /** The mails whose subject starts with this. */
    public List<Mail> mails(String subjectStart) {
        return mails().stream().filter(m -> m.subject().startsWith(subjectStart)).toList();
    }

    private List<Path> files() throws IOException {
        if (!Files.isDirectory(folder)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(folder)) {
            return files.filter(f -> f.toString().endsWith(".eml")).sorted(Comparator.comparing(Path::toString))
                    .toList();
        }
    }
}
