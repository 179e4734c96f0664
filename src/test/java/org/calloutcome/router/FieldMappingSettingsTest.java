package org.calloutcome.router;

import java.util.Map;
import java.util.Properties;

import org.apache.camel.impl.DefaultCamelContext;
import org.calloutcome.router.sink.salesforce.FieldMappings;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The admin's fields are read from wherever settings come from: a file, the environment, a -D option. */
class FieldMappingSettingsTest {

    private static FieldMappings read(Map<String, String> file, Map<String, String> environment) {
        DefaultCamelContext context = new DefaultCamelContext();
        Properties properties = new Properties();
        properties.putAll(file);
        context.getPropertiesComponent().setInitialProperties(properties);
        return SalesforceConfiguration.fieldMappings(new Settings(context), environment);
    }

    @Test
    void aFieldMayBeMappedInAFileOrInTheEnvironment() {
        FieldMappings mappings = read(Map.of("router.salesforce.person.field.Interest__c", "extracted.interest",
                "router.salesforce.person.field.Interest__c.mode", "keep-existing"),
                Map.of("ROUTER_SALESFORCE_TASK_FIELD_NEXT_STEP__C", "extracted.next_step", "PATH", "/usr/bin"));
        assertEquals("NEXT_STEP__c", mappings.task().get(0).field(), "Salesforce's API names ignore case");
        assertEquals("extracted.next_step", mappings.task().get(0).source().toString());
        assertEquals("Interest__c", mappings.person().get(0).field());
        assertEquals(true, mappings.person().get(0).keepExisting());
    }

    @Test
    void aDashDOptionMapsAFieldToo() {
        System.setProperty("router.salesforce.task.field.Appointment__c", "extracted.appointment_date");
        try {
            assertEquals("Appointment__c", read(Map.of(), Map.of()).task().get(0).field());
        } finally {
            System.clearProperty("router.salesforce.task.field.Appointment__c");
        }
    }
}
