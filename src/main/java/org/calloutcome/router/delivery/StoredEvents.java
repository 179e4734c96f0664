package org.calloutcome.router.delivery;

import java.sql.SQLException;
import java.util.Collection;
import java.util.Map;
import java.util.UUID;

/** Where the sinks read the call events as they were normalized when processed: JSON arrays, by inbox event id. */
@FunctionalInterface
public interface StoredEvents {
    Map<UUID, String> events(Collection<UUID> eventIds) throws SQLException;
}
