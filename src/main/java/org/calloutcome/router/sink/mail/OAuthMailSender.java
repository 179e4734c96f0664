package org.calloutcome.router.sink.mail;

import jakarta.mail.PasswordAuthentication;
import org.apache.camel.component.mail.DefaultJavaMailSender;

/**
 * camel-mail's sender, logging in with SASL XOAUTH2: the mailbox and a current access token, asked for at each send
 * (the token is kept between sends). camel-mail asks a configured authenticator for its login when the endpoint is
 * made, at start; a sender of its own asks only when it sends, so an identity platform that is down at start delays
 * alerts instead of stopping the router.
 */
final class OAuthMailSender extends DefaultJavaMailSender {
    private final String mailbox;
    private final MicrosoftMailToken token;

    OAuthMailSender(String mailbox, MicrosoftMailToken token) {
        this.mailbox = mailbox;
        this.token = token;
    }

    @Override
    public PasswordAuthentication getPasswordAuthentication() {
        return new PasswordAuthentication(mailbox, token.token());
    }
}
