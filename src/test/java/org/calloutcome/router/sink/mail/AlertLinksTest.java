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
        return new Alerts(SinkConfiguration.alertOptions(RouterConfiguration.withCodeDefaults(context),
                SalesforceOrgs.DEFAULT_ONLY)).alert(event, "opt-out", Map.of());
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

    @Test
    void aCallTaskLinksIntoTheOrgItsAccountWritesTo() {
        DefaultCamelContext context = new DefaultCamelContext();
        context.getPropertiesComponent().setLocation("classpath:application.properties");
        java.util.Properties given = new java.util.Properties();
        given.put("router.salesforce.record-link-base", "https://agency.my.salesforce.com");
        given.put("router.salesforce.org.clinic-a.login-url", "https://clinic-a.my.salesforce.com");
        context.getPropertiesComponent().setOverrideProperties(given);
        SalesforceOrgs orgs = new SalesforceOrgs(java.util.List.of("clinic-a"), Map.of("retell/clinic-a", "clinic-a"));
        Alerts alerts = new Alerts(SinkConfiguration.alertOptions(RouterConfiguration.withCodeDefaults(context), orgs));
        CallEvent clinic = new CallEvent().setVendor("retell").setAccount("clinic-a").setEventKind(EventKind.CALL_ENDED)
                .setVendorCallId("c-2").setBusinessOutcome(BusinessOutcome.ESCALATED);
        String task = "00T5e00000AbCdEAAA (left out: Next_Step__c: Task has no such field)";
        String links = html(alerts.alert(clinic, "escalation", Map.of(
                org.calloutcome.router.delivery.DeliveryKeys.salesforceTask(clinic), task)));
        assertTrue(links.contains("https://clinic-a.my.salesforce.com/00T5e00000AbCdEAAA\""), links);
        CallEvent agency = clinic.setAccount("default");
        links = html(alerts.alert(agency, "escalation", Map.of(
                org.calloutcome.router.delivery.DeliveryKeys.salesforceTask(agency), "00T5e00000AbCdFAAA")));
        assertTrue(links.contains("https://agency.my.salesforce.com/00T5e00000AbCdFAAA\""), links);
    }
}
