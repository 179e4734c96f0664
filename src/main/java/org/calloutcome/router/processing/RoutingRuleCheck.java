package org.calloutcome.router.processing;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Consumer;

import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.model.ChoiceDefinition;
import org.apache.camel.model.FilterDefinition;
import org.apache.camel.model.Model;
import org.apache.camel.model.ProcessorDefinition;
import org.apache.camel.model.RouteDefinition;
import org.apache.camel.model.SetHeaderDefinition;
import org.apache.camel.model.WhenDefinition;
import org.apache.camel.model.language.ExpressionDefinition;
import org.apache.camel.support.DefaultExchange;
import org.calloutcome.router.event.CallEvent;
import org.calloutcome.router.sink.salesforce.SalesforceActions;
import org.calloutcome.router.store.Retry;

/**
 * The routing rules as the YAML routes state them. At start, an action no sink knows or a variable that is no
 * {@link RoutingFacts fact} (a typo) stops the router, naming the route and the name, instead of being recorded later
 * as done with nothing done, or of a rule that never fires. At run time, a rule whose expression fails for an event is
 * named in that event's error.
 */
public final class RoutingRuleCheck {
    /** The header that names a Salesforce action (routes/sinks.camel.yaml). */
    static final String SALESFORCE_ACTION = "salesforceAction";
    /** The header that names an alert's rule (routes/sinks.camel.yaml). */
    static final String MAIL_RULE = "mailRule";

    private RoutingRuleCheck() {
    }

    /**
     * Throws, naming each route and unknown name, when a rule asks a sink for work it does not know or tests a variable
     * that is no fact of the event.
     */
    public static void check(CamelContext context) {
        List<String> unknown = new ArrayList<>();
        List<String> unknownFacts = new ArrayList<>();
        for (RouteDefinition route : routes(context)) {
            walk(route.getOutputs(), node -> {
                if (node instanceof SetHeaderDefinition header && SALESFORCE_ACTION.equals(header.getName())) {
                    ExpressionDefinition value = header.getExpression();
                    String action = value.getExpression() == null ? "" : value.getExpression().strip();
                    if ("constant".equals(value.getLanguage()) && !SalesforceActions.ACTIONS.contains(action)) {
                        unknown.add("route '" + route.getRouteId() + "' asks Salesforce for '" + action + "'");
                    }
                }
                ExpressionDefinition rule = rule(node);
                if (isRoutingRoute(route) && rule != null && rule.getExpression() != null) {
                    RoutingFacts.unknown(rule.getExpression()).forEach(name -> unknownFacts.add("rule '"
                            + rule.getExpression().strip() + "' in route '" + route.getRouteId() + "' tests '" + name
                            + "'"));
                }
            });
        }
        if (!unknown.isEmpty()) {
            throw new IllegalStateException("Unknown Salesforce action in the routing rules: " + String.join("; ", unknown)
                    + ". Known actions: " + String.join(", ", new TreeSet<>(SalesforceActions.ACTIONS)) + ".");
        }
        if (!unknownFacts.isEmpty()) {
            throw new IllegalStateException("Unknown variable in the routing rules: " + String.join("; ", unknownFacts)
                    + ". Known variables: " + RoutingFacts.names() + ".");
        }
    }

    private static ExpressionDefinition rule(Object node) {
        return node instanceof FilterDefinition filter ? filter.getExpression()
                : node instanceof WhenDefinition when ? when.getExpression() : null;
    }

    /**
     * Why routing failed for {@code event}: the rules whose expression cannot be evaluated on it, each with its route
     * and the reason. Returns {@code failure} itself when no rule's expression is to blame (a sink refused it).
     */
    public static Exception explain(CamelContext context, CallEvent event, Exception failure) {
        Set<String> failing = new TreeSet<>();
        for (RouteDefinition route : routes(context)) {
            if (!isRoutingRoute(route)) {
                continue;
            }
            walk(route.getOutputs(), node -> {
                ExpressionDefinition rule = rule(node);
                if (rule != null) {
                    String problem = evaluate(context, rule, event);
                    if (problem != null) {
                        failing.add("rule '" + rule.getExpression().strip() + "' in route '" + route.getRouteId()
                                + "': " + problem);
                    }
                }
            });
        }
        // no cause attached: the error recorded is the root cause's, and this one names the rule
        return failing.isEmpty() ? failure
                : new IllegalStateException("a routing rule failed: " + String.join("; ", failing));
    }

    /**
     * The work the routing rules can ask of each sink: {@code salesforce} and its actions, {@code mail} and its rules
     * (the constants of {@code salesforceAction} and {@code mailRule}), for the metrics to report at 0 from the start.
     */
    public static Map<String, Set<String>> sinkActions(CamelContext context) {
        Map<String, Set<String>> actions = new TreeMap<>();
        for (RouteDefinition route : routes(context)) {
            walk(route.getOutputs(), node -> {
                if (node instanceof SetHeaderDefinition header && "constant".equals(header.getExpression().getLanguage())
                        && header.getExpression().getExpression() != null) {
                    String sink = SALESFORCE_ACTION.equals(header.getName()) ? "salesforce"
                            : MAIL_RULE.equals(header.getName()) ? "mail" : null;
                    if (sink != null) {
                        actions.computeIfAbsent(sink, s -> new TreeSet<>())
                                .add(header.getExpression().getExpression().strip());
                    }
                }
            });
        }
        return actions;
    }

    /** Routes of routing rules take a call event from {@code direct:route-...} (routes/routing.camel.yaml). */
    private static boolean isRoutingRoute(RouteDefinition route) {
        String from = route.getInput() == null ? null : route.getInput().getEndpointUri();
        return from != null && from.startsWith("direct:route-");
    }

    private static String evaluate(CamelContext context, ExpressionDefinition rule, CallEvent event) {
        if (rule == null || rule.getLanguage() == null || rule.getExpression() == null) {
            return null;
        }
        Exchange exchange = new DefaultExchange(context);
        exchange.getMessage().setBody(event);
        RoutingFacts.expose(exchange);
        try {
            context.resolveLanguage(rule.getLanguage()).createPredicate(rule.getExpression()).matches(exchange);
            return exchange.getException() == null ? null : message(exchange.getException());
        } catch (RuntimeException e) {
            return message(e);
        }
    }

    private static String message(Throwable failure) {
        Throwable root = Retry.rootCause(failure);
        return root.getMessage() != null ? root.getMessage() : root.getClass().getSimpleName();
    }

    private static Collection<RouteDefinition> routes(CamelContext context) {
        return context.getCamelContextExtension().getContextPlugin(Model.class).getRouteDefinitions();
    }

    /** Visits every step, the {@code when} clauses of a choice included. */
    private static void walk(List<ProcessorDefinition<?>> nodes, Consumer<Object> visit) {
        for (ProcessorDefinition<?> node : nodes) {
            visit.accept(node);
            if (node instanceof ChoiceDefinition choice) {
                choice.getWhenClauses().forEach(when -> {
                    visit.accept(when);
                    walk(when.getOutputs(), visit);
                });
                if (choice.getOtherwise() != null) {
                    walk(choice.getOtherwise().getOutputs(), visit);
                }
            } else {
                walk(node.getOutputs(), visit);
            }
        }
    }
}
