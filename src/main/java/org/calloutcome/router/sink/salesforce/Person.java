package org.calloutcome.router.sink.salesforce;

/**
 * The Lead, Contact or person account a call is about: its record id and type; {@code whoId}, what a Task's WhoId
 * names (the record itself, or a person account's PersonContactId); {@code ownerId}, the record's owner when the
 * lookup read it; {@code convertedLead}, the Lead that named it when that Lead had been converted (Salesforce refuses
 * any write that references a converted Lead); or a refusal to decide (several records carry the dialer's id). No id
 * and no refusal: nobody matched.
 */
record Person(String id, Type type, String whoId, String ownerId, String convertedLead, String refusal) {
    static final Person NOBODY = new Person(null, null, null, null, null, null);

    /** A person record type: the sObject written to, and the names its opt-out fields have there. */
    enum Type {
        LEAD("Lead", "DoNotCall", "HasOptedOutOfEmail"),
        CONTACT("Contact", "DoNotCall", "HasOptedOutOfEmail"),
        /**
         * A person account: read and written through the Account, where the person contact's fields carry a
         * {@code Person} prefix (standard fields) or the {@code __pc} suffix (custom fields); Salesforce Help,
         * "Person Account Fields" and "Considerations for Using Person Accounts".
         */
        PERSON_ACCOUNT("Account", "PersonDoNotCall", "PersonHasOptedOutOfEmail");

        final String sObject;
        final String doNotCall;
        final String optedOutOfEmail;

        Type(String sObject, String doNotCall, String optedOutOfEmail) {
            this.sObject = sObject;
            this.doNotCall = doNotCall;
            this.optedOutOfEmail = optedOutOfEmail;
        }

        /** A Lead/Contact field's name on this type: {@code Do_Not_Text__c} is {@code Do_Not_Text__pc} on an Account. */
        String field(String contactField) {
            if (this != PERSON_ACCOUNT) {
                return contactField;
            }
            return contactField.endsWith("__c") ? contactField.substring(0, contactField.length() - 1) + "pc"
                    : "Person" + contactField;
        }
    }

    /** True for the id of a Lead, Contact or Account (a person's record). */
    static boolean isRecord(String id) {
        return id.matches("(00Q|003|001)[a-zA-Z0-9]{12}([a-zA-Z0-9]{3})?");
    }

    /** A Lead or Contact by its id (00Q... is a Lead). */
    static Person of(String id) {
        return of(id, null);
    }

    static Person of(String id, String ownerId) {
        return new Person(id, id.startsWith("00Q") ? Type.LEAD : Type.CONTACT, id, ownerId, null, null);
    }

    static Person personAccount(String accountId, String personContactId, String ownerId) {
        return new Person(accountId, Type.PERSON_ACCOUNT, personContactId, ownerId, null, null);
    }

    static Person refused(String refusal) {
        return new Person(null, null, null, null, null, refusal);
    }

    boolean found() {
        return id != null;
    }
}
