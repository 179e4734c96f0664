package org.calloutcome.router.support;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Predicate;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;

/**
 * An SMTP submission server as Microsoft 365's {@code smtp.office365.com:587} answers clients once Basic
 * authentication is off: STARTTLS first (no AUTH offered before it), then {@code AUTH LOGIN XOAUTH2}, where LOGIN and
 * PLAIN get {@code 535 5.7.139 Authentication unsuccessful, basic authentication is disabled} (Exchange Team blog,
 * "Exchange Online to retire Basic auth for Client Submission (SMTP AUTH)") and XOAUTH2 takes
 * {@code base64("user=" + mailbox + "^Aauth=Bearer " + token + "^A^A")} (Microsoft Learn, "Authenticate an IMAP, POP or
 * SMTP connection using OAuth"): {@code 235 2.7.0 Authentication successful}, or {@code 535 5.7.3 Authentication
 * unsuccessful} for a token it does not take. Then MAIL, RCPT, DATA as RFC 5321 has them; each message is kept.
 */
public final class FakeExchangeOnline implements AutoCloseable {
    /** A message received: who logged in, and its text as sent (headers and body). */
    public record Received(String user, List<String> recipients, String data) {
    }

    public final List<Received> received = new CopyOnWriteArrayList<>();
    /** Every AUTH mechanism a client tried, in order. */
    public final List<String> mechanisms = new CopyOnWriteArrayList<>();
    private final ServerSocket listener;
    private final SSLContext tls;
    private final Predicate<String> tokens;
    private final String mailbox;

    /** @param tokens the access tokens it takes; @param mailbox the mailbox they may send as */
    public FakeExchangeOnline(SSLContext tls, Predicate<String> tokens, String mailbox) throws IOException {
        this.tls = tls;
        this.tokens = tokens;
        this.mailbox = mailbox;
        this.listener = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        Thread accept = new Thread(this::accept, "fake-exchange-online");
        accept.setDaemon(true);
        accept.start();
    }

    public int port() {
        return listener.getLocalPort();
    }

    private void accept() {
        while (!listener.isClosed()) {
            try {
                Socket client = listener.accept();
                Thread session = new Thread(() -> serve(client), "fake-exchange-online-session");
                session.setDaemon(true);
                session.start();
            } catch (IOException closed) {
                return;
            }
        }
    }

    private void serve(Socket plain) {
        Socket socket = plain;
        boolean secure = false;
        String user = null;
        try {
            BufferedReader in = reader(socket);
            OutputStream out = socket.getOutputStream();
            say(out, "220 fake.outlook.office365.com Microsoft ESMTP MAIL Service ready");
            List<String> recipients = new CopyOnWriteArrayList<>();
            for (String line = in.readLine(); line != null; line = in.readLine()) {
                String command = line.toUpperCase(java.util.Locale.ROOT);
                if (command.startsWith("EHLO") || command.startsWith("HELO")) {
                    say(out, "250-fake.outlook.office365.com Hello\r\n250-SIZE 157286400\r\n250-8BITMIME\r\n"
                            + (secure ? "250-AUTH LOGIN XOAUTH2\r\n" : "250-STARTTLS\r\n") + "250 SMTPUTF8");
                } else if (command.equals("STARTTLS") && !secure) {
                    say(out, "220 2.0.0 SMTP server ready");
                    SSLSocket upgraded = (SSLSocket) tls.getSocketFactory().createSocket(socket,
                            socket.getInetAddress().getHostAddress(), socket.getPort(), true);
                    upgraded.setUseClientMode(false);
                    upgraded.startHandshake();
                    socket = upgraded;
                    secure = true;
                    in = reader(socket);
                    out = socket.getOutputStream();
                } else if (command.startsWith("AUTH ")) {
                    String[] parts = line.split(" ");
                    mechanisms.add(parts[1].toUpperCase(java.util.Locale.ROOT));
                    if (!secure) {
                        say(out, "530 5.7.57 Client not authenticated to send mail. Error: 530 5.7.57");
                    } else if (!parts[1].equalsIgnoreCase("XOAUTH2")) {
                        say(out, "535 5.7.139 Authentication unsuccessful, basic authentication is disabled."
                                + " [fake.outlook.office365.com]");
                    } else {
                        String response = parts.length > 2 ? parts[2] : null;
                        if (response == null) {
                            say(out, "334 ");
                            response = in.readLine();
                        }
                        String[] fields = new String(Base64.getDecoder().decode(response.strip()),
                                StandardCharsets.UTF_8).split("\u0001");
                        String who = fields.length > 0 && fields[0].startsWith("user=") ? fields[0].substring(5) : "";
                        String token = fields.length > 1 && fields[1].startsWith("auth=Bearer ")
                                ? fields[1].substring(12) : "";
                        if (who.equalsIgnoreCase(mailbox) && tokens.test(token)) {
                            user = who;
                            say(out, "235 2.7.0 Authentication successful");
                        } else {
                            say(out, "535 5.7.3 Authentication unsuccessful [fake.outlook.office365.com]");
                        }
                    }
                } else if (command.startsWith("MAIL FROM")) {
                    say(out, user == null ? "530 5.7.57 Client not authenticated to send mail" : "250 2.1.0 Sender OK");
                } else if (command.startsWith("RCPT TO")) {
                    recipients.add(line.substring(line.indexOf('<') + 1, line.indexOf('>')));
                    say(out, "250 2.1.5 Recipient OK");
                } else if (command.equals("DATA")) {
                    say(out, "354 Start mail input; end with <CRLF>.<CRLF>");
                    StringBuilder data = new StringBuilder();
                    for (String text = in.readLine(); text != null && !text.equals("."); text = in.readLine()) {
                        data.append(text.startsWith("..") ? text.substring(1) : text).append("\r\n");
                    }
                    received.add(new Received(user, List.copyOf(recipients), data.toString()));
                    recipients.clear();
                    say(out, "250 2.0.0 OK <queued> [Hostname=fake.outlook.office365.com]");
                } else if (command.equals("RSET") || command.equals("NOOP")) {
                    say(out, "250 2.0.0 OK");
                } else if (command.equals("QUIT")) {
                    say(out, "221 2.0.0 Service closing transmission channel");
                    return;
                } else {
                    say(out, "500 5.3.3 Unrecognized command");
                }
            }
        } catch (IOException gone) {
            // the client hung up
        } finally {
            try {
                socket.close();
            } catch (IOException ignored) {
                // closed already
            }
        }
    }

    private static BufferedReader reader(Socket socket) throws IOException {
        return new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8));
    }

    private static void say(OutputStream out, String reply) throws IOException {
        out.write((reply + "\r\n").getBytes(StandardCharsets.UTF_8));
        out.flush();
    }

    @Override
    public void close() throws IOException {
        listener.close();
    }
}
