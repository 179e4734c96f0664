package org.calloutcome.router.sink.mail;

import java.time.Instant;
import java.util.Map;

import org.apache.camel.impl.DefaultCamelContext;
import org.calloutcome.router.RouterConfiguration;
import org.calloutcome.router.SinkConfiguration;
import org.calloutcome.router.delivery.SalesforceOrgs;
import org.calloutcome.router.event.BusinessOutcome;
import org.calloutcome.router.event.CallEvent;
import org.calloutcome.router.event.EventKind;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A payload's links become links in an alert only when they are http or https; anything else stays text. */
class AlertLinksTest {

    private static Map<String, Object> alert(String recording, String dashboard) {
        DefaultCamelContext context = new DefaultCamelContext();
        context.getPropertiesComponent().setLocation("classpath:application.properties");
        CallEvent event = new CallEvent().setVendor("vapi").setEventKind(EventKind.CALL_ENDED).setVendorCallId("c-1")
                .setBusinessOutcome(BusinessOutcome.OPTED_OUT).setEndedAt(Instant.parse("2026-12-01T10:00:00Z"))
                .setRecordingUrl(recording).setDashboardUrl(dashboard);
        return new Alerts(SinkConfiguration.alertOptions(RouterConfiguration.withCodeDefaults(context), SalesforceOrgs.DEFAULT_ONLY)).alert(event, "opt-out", Map.of());
    }

    @SuppressWarnings("unchecked")
    private static String html(Map<String, Object> alert) {
        return String.valueOf(((Map<String, Object>) alert.get("html")).get("links"));
    }

    @Test
    void onlyHttpAndHttpsAddressesBecomeLinks() {
        String links = html(alert("javascript:alert(document.cookie)", "data:text/html;base64,PHNjcmlwdD4="));
        assertFalse(links.contains("<a "), links);
        assertTrue(links.contains("Recording: javascript:alert(document.cookie)"), links);

        String safe = html(alert("https://storage.vapi.ai/rec.wav", "HTTP://dashboard.vapi.ai/calls/c-1"));
        assertTrue(safe.contains("<a href=\"https://storage.vapi.ai/rec.wav\">Recording</a>"), safe);
        assertTrue(safe.contains("<a href=\"HTTP://dashboard.vapi.ai/calls/c-1\">"), safe);
    }

    @Test
    void aLinkWithSpacesOrControlsIsNotOne() {
        assertFalse(Alerts.linkable("https://a.example/x y"));
        assertFalse(Alerts.linkable(" javascript:x"));
        assertFalse(Alerts.linkable("https://"));
        assertTrue(Alerts.linkable("https://a.example/x?y=1"));
        assertEquals("Recording: vbscript:x", Alerts.anchor("Recording", "vbscript:x"));
    }
}
