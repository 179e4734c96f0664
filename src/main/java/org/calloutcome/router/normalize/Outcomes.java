package org.calloutcome.router.normalize;

import java.util.Collection;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;

import org.calloutcome.router.event.BusinessOutcome;
import org.calloutcome.router.event.CallEvent;
import org.calloutcome.router.event.Connectivity;

/**
 * Gathers the outcome signals a call carries, then sets its business outcome (the signal of highest priority) and
 * every flag a signal implies. A vendor value with no mapping is remembered, so that the outcome becomes
 * {@link BusinessOutcome#UNKNOWN} rather than a guess.
 */
public final class Outcomes {
    private final OutcomeVocabulary vocabulary;
    private final String vendor;
    private final Set<BusinessOutcome> signals = EnumSet.noneOf(BusinessOutcome.class);
    private boolean unmapped;

    public Outcomes(OutcomeVocabulary vocabulary, String vendor) {
        this.vocabulary = vocabulary;
        this.vendor = vendor;
    }

    public Outcomes add(BusinessOutcome outcome) {
        signals.add(outcome);
        return this;
    }

    public Outcomes addAll(Collection<BusinessOutcome> outcomes) {
        signals.addAll(outcomes);
        return this;
    }

    /** Takes every signal an already normalized event carries (a sequence gathers its calls'). */
    public Outcomes include(CallEvent event) {
        signals.add(event.getBusinessOutcome());
        if (event.isOptOut()) {
            signals.add(BusinessOutcome.OPTED_OUT);
        }
        if (event.isEscalation()) {
            signals.add(BusinessOutcome.ESCALATED);
        }
        if (event.isCallbackRequested()) {
            signals.add(BusinessOutcome.CALLBACK_REQUESTED);
        }
        if (event.isConverted()) {
            signals.add(BusinessOutcome.CONVERTED);
        }
        return this;
    }

    /** Maps {@code value} through the vocabulary; a value without a mapping makes the outcome UNKNOWN. */
    public Outcomes map(String vocabularyName, String value) {
        Optional<BusinessOutcome> outcome = vocabulary.lookup(vendor, vocabularyName, value);
        outcome.ifPresent(signals::add);
        if (value != null && outcome.isEmpty()) {
            unmapped = true;
        }
        return this;
    }

    /** Maps {@code value} if the vocabulary knows it; other values (free-form tags, say) are not signals. */
    public Outcomes mapIfKnown(String vocabularyName, String value) {
        vocabulary.lookup(vendor, vocabularyName, value).ifPresent(signals::add);
        return this;
    }

    public Outcomes keywords(String vocabularyName, String text) {
        signals.addAll(vocabulary.keywords(vendor, vocabularyName, text));
        return this;
    }

    public void applyTo(CallEvent event) {
        event.setOptOut(signals.contains(BusinessOutcome.OPTED_OUT));
        event.setEscalation(signals.contains(BusinessOutcome.ESCALATED));
        event.setCallbackRequested(signals.contains(BusinessOutcome.CALLBACK_REQUESTED));
        event.setConverted(signals.contains(BusinessOutcome.CONVERTED));
        event.setBusinessOutcome(outcome(event.getConnectivity()));
    }

    private BusinessOutcome outcome(Connectivity connectivity) {
        Optional<BusinessOutcome> strongest = signals.stream().filter(o -> o != BusinessOutcome.UNKNOWN).findFirst();
        if (strongest.isPresent()) {
            return strongest.get();
        }
        if (!unmapped && connectivity != Connectivity.CONNECTED && connectivity != Connectivity.UNKNOWN) {
            return BusinessOutcome.NONE;
        }
        return BusinessOutcome.UNKNOWN;
    }
}
