package org.calloutcome.router.sink.salesforce;

/**
 * The Lead or Contact a call is about: its record id and type; {@code convertedLead}, the Lead that named it when that
 * Lead had been converted (Salesforce refuses any write that references a converted Lead); or a refusal to decide
 * (several records carry the dialer's id). No id and no refusal: nobody matched.
 */
record Person(String id, String type, String convertedLead, String refusal) {
    static final Person NOBODY = new Person(null, null, null, null);

    static Person of(String id) {
        return new Person(id, id.startsWith("00Q") ? "Lead" : "Contact", null, null);
    }

    static Person refused(String refusal) {
        return new Person(null, null, null, refusal);
    }

    boolean found() {
        return id != null;
    }
}
