package org.calloutcome.router.processing;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.apache.camel.Exchange;
import org.calloutcome.router.event.CallEvent;

/**
 * What routing rules test, set on the exchange as variables before the rules run: {@code ${variable.optOut}},
 * {@code ${variable.businessOutcome} == 'DECLINED'}. Read as {@code ${body.optOut}}, the same fact costs Camel's
 * simple language a reflective look at the event for every rule and every event (a third of a drain's processing
 * time); a variable is a map lookup. Outcome, connectivity and direction are their names, as the rules compare them.
 */
public final class RoutingFacts {
    private static final Map<String, Function<CallEvent, Object>> FACTS = new LinkedHashMap<>();
    private static final Pattern VARIABLE = Pattern.compile("\\$\\{variable\\.([^}\\s.]+)");

    static {
        FACTS.put("vendor", CallEvent::getVendor);
        FACTS.put("account", CallEvent::getAccount);
        FACTS.put("eventKind", event -> event.getEventKind().id());
        FACTS.put("businessOutcome", event -> name(event.getBusinessOutcome()));
        FACTS.put("connectivity", event -> name(event.getConnectivity()));
        FACTS.put("direction", event -> name(event.getDirection()));
        FACTS.put("optOut", CallEvent::isOptOut);
        FACTS.put("textOptOut", CallEvent::isTextOptOut);
        FACTS.put("escalation", CallEvent::isEscalation);
        FACTS.put("callbackRequested", CallEvent::isCallbackRequested);
        FACTS.put("converted", CallEvent::isConverted);
        FACTS.put("test", CallEvent::isTest);
        FACTS.put("rawStatus", CallEvent::getRawStatus);
        FACTS.put("rawOutcome", CallEvent::getRawOutcome);
        FACTS.put("rawFailureReason", CallEvent::getRawFailureReason);
        FACTS.put("rawEndedReason", CallEvent::getRawEndedReason);
    }

    private RoutingFacts() {
    }

    /** Sets the facts of the exchange's call event (its body) as variables. */
    public static void expose(Exchange exchange) {
        CallEvent event = exchange.getMessage().getBody(CallEvent.class);
        FACTS.forEach((name, fact) -> exchange.setVariable(name, fact.apply(event)));
    }

    /** The variables an expression reads that are no fact (a typo such as {@code optOutt}), in order. */
    static List<String> unknown(String expression) {
        List<String> unknown = new ArrayList<>();
        Matcher variable = VARIABLE.matcher(expression);
        while (variable.find()) {
            if (!FACTS.containsKey(variable.group(1))) {
                unknown.add(variable.group(1));
            }
        }
        return unknown;
    }

    static String names() {
        return String.join(", ", FACTS.keySet());
    }

    private static String name(Enum<?> value) {
        return value == null ? null : value.name();
    }
}
