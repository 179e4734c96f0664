package org.calloutcome.router.sink.salesforce;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;
import org.calloutcome.router.event.CallEvent;
import org.calloutcome.router.event.CallEventJson;

/**
 * The admin's fields of one call ({@link FieldMappings}): the values its sources find in the stored call event, fitted
 * to the org's fields ({@link OrgFields}). A source without a value writes nothing (a person's field is never
 * overwritten with nothing); a value that does not fit is left out and said.
 */
final class MappedFields {
    private final FieldMappings mappings;
    private final OrgFields org;

    MappedFields(FieldMappings mappings, OrgFields org) {
        this.mappings = mappings;
        this.org = org;
    }

    /** The objects whose describes the fields need and that are not read yet. */
    List<String> undescribed(List<String> phoneOrder) {
        Set<String> objects = new LinkedHashSet<>();
        if (!mappings.task().isEmpty()) {
            objects.add("Task");
        }
        if (!mappings.person().isEmpty()) {
            objects.add("Lead");
            objects.add("Contact");
            if (phoneOrder.contains(PersonLookup.PERSON_ACCOUNT)) {
                objects.add("Account");
            }
        }
        objects.removeIf(org::described);
        return List.copyOf(objects);
    }

    void described(String sObject, JsonNode describe) {
        org.read(sObject, describe);
    }

    /** One call's values: its stored event read once. */
    Call of(CallEvent event) {
        return new Call(event, mappings.isEmpty() ? null : CallEventJson.tree(event));
    }

    /** The names, on {@code type}, of the person fields that keep their first value. */
    List<String> kept(Person.Type type) {
        return mappings.person().stream().filter(FieldMappings.Mapping::keepExisting)
                .map(m -> type.field(m.field())).toList();
    }

    /** A call's mapped values, and what was left out of its records. */
    final class Call {
        private final CallEvent event;
        private final JsonNode stored;
        final List<String> leftOut = new ArrayList<>();

        private Call(CallEvent event, JsonNode stored) {
            this.event = event;
            this.stored = stored;
        }

        /** True when the call carries a value for a person field that keeps its first one. */
        boolean hasKept() {
            return stored != null && mappings.person().stream().anyMatch(m -> m.keepExisting()
                    && m.sourceFor(event.getVendor()).valueIn(stored) != null);
        }

        /** Adds the call Task's fields to the Task being created. */
        void addToTask(Map<String, Object> task) {
            add(task, "Task", mappings.task(), Person.Type.CONTACT, true, null);
        }

        /** Adds the person's fields to a new Lead. */
        void addToNewLead(Map<String, Object> lead) {
            add(lead, "Lead", mappings.person(), Person.Type.LEAD, true, null);
        }

        /**
         * The person's fields to update: each the call carries a value for, except one kept whose current value is
         * set or unknown ({@code current}: the record as read, null when it was not).
         */
        Map<String, Object> forPerson(Person person, JsonNode current) {
            Map<String, Object> fields = new LinkedHashMap<>();
            add(fields, person.type().sObject, mappings.person(), person.type(), false, current);
            return fields;
        }

        private void add(Map<String, Object> record, String sObject, List<FieldMappings.Mapping> fields,
                Person.Type type, boolean creating, JsonNode current) {
            if (stored == null) {
                return;
            }
            for (FieldMappings.Mapping mapping : fields) {
                JsonNode value = mapping.sourceFor(event.getVendor()).valueIn(stored);
                String name = type.field(mapping.field());
                if (value == null || mapping.keepExisting() && !creating && (current == null
                        || !current.path(name).isNull() && !current.path(name).asText("").isBlank())) {
                    continue;
                }
                OrgFields.Fitted fitted = org.fit(sObject, name, value, creating);
                if (fitted.problem() != null) {
                    leftOut.add(fitted.problem());
                } else {
                    record.put(org.field(sObject, name).name(), fitted.value());
                }
            }
        }
    }
}
