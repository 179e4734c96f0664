package org.calloutcome.router.processing;

import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.support.DefaultExchange;
import org.calloutcome.router.event.BusinessOutcome;
import org.calloutcome.router.event.CallEvent;
import org.calloutcome.router.event.Connectivity;
import org.calloutcome.router.event.EventKind;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Rules as an integration engineer writes them, in Camel's simple language, read the event's facts. */
class RoutingFactsTest {
    private static CamelContext camel;

    @BeforeAll
    static void start() {
        camel = new DefaultCamelContext();
        camel.start();
    }

    @AfterAll
    static void stop() {
        camel.stop();
    }

    private static boolean rule(String rule, CallEvent event) {
        Exchange exchange = new DefaultExchange(camel);
        exchange.getMessage().setBody(event);
        RoutingFacts.expose(exchange);
        return camel.resolveLanguage("simple").createPredicate(rule).matches(exchange);
    }

    private static CallEvent declinedVoicemail() {
        return new CallEvent().setVendor("altur").setEventKind(EventKind.CALL_ENDED)
                .setBusinessOutcome(BusinessOutcome.DECLINED).setConnectivity(Connectivity.VOICEMAIL);
    }

    @Test
    void outcomesAndConnectivityCompareByName() {
        assertTrue(rule("${variable.businessOutcome} == 'DECLINED'", declinedVoicemail()));
        assertFalse(rule("${variable.businessOutcome} == 'CONVERTED'", declinedVoicemail()));
        assertTrue(rule("${variable.connectivity} in 'VOICEMAIL,NO_ANSWER'", declinedVoicemail()));
    }

    @Test
    void flagsAndWordsAsTheDefaultRulesTestThem() {
        CallEvent optOut = declinedVoicemail().setOptOut(true).setRawOutcome("Do not call");
        assertTrue(rule("${variable.eventKind} == 'call-ended' && ${variable.test} == false && ${variable.optOut}",
                optOut));
        assertFalse(rule("${variable.escalation}", optOut));
        assertTrue(rule("${variable.rawOutcome} contains 'not call'", optOut));
        assertFalse(rule("${variable.eventKind} == 'call-ended' && ${variable.test} == false",
                declinedVoicemail().setTest(true)));
    }

    @Test
    void aFactTheEventLacksIsNullOrUnknown() {
        assertTrue(rule("${variable.rawFailureReason} == null", declinedVoicemail()));
        assertTrue(rule("${variable.direction} == 'UNKNOWN'", declinedVoicemail()));
    }

    @Test
    void aNameThatIsNoFactIsReported() {
        assertEquals(java.util.List.of("optOutt", "outcome"),
                RoutingFacts.unknown("${variable.optOutt} || ${variable.outcome} == 'X' || ${variable.optOut}"));
    }

    /** The README's table of rule variables is the reference integration engineers read: it lists every fact. */
    @Test
    void theReadmeListsEveryVariableARuleCanRead() throws Exception {
        java.util.List<String> lines = java.nio.file.Files.readAllLines(java.nio.file.Path.of("README.md"));
        java.util.List<String> listed = new java.util.ArrayList<>();
        for (String line : lines.subList(lines.indexOf("| variable | what it holds |") + 2, lines.size())) {
            if (!line.startsWith("|")) {
                break;
            }
            for (String name : line.split("\\|")[1].strip().split(", ")) {
                listed.add(name.replace("`", ""));
            }
        }
        assertEquals(RoutingFacts.names(), String.join(", ", listed));
    }
}
