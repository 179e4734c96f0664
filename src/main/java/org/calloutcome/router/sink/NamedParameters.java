package org.calloutcome.router.sink;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.apache.camel.Exchange;
import org.apache.camel.component.sql.DefaultSqlPrepareStatementStrategy;

/**
 * camel-sql's named parameters ({@code :#name}), with each statement's parameter names found once instead of for every
 * row of a batch: the call log's statements have 15 to 40 parameters and a batch 200 rows.
 */
public final class NamedParameters extends DefaultSqlPrepareStatementStrategy {
    // camel-sql has turned the statement's ":#name" into ":?name" by the time it is given here
    private static final Pattern NAMED = Pattern.compile(":[#?](\\w+)");
    private final Map<String, List<String>> names = new ConcurrentHashMap<>();

    @Override
    public Iterator<?> createPopulateIterator(String query, String preparedQuery, int expectedParams,
            Exchange exchange, Object value) throws SQLException {
        if (!(value instanceof Map<?, ?> row)) {
            return super.createPopulateIterator(query, preparedQuery, expectedParams, exchange, value);
        }
        List<String> order = names.computeIfAbsent(query, NamedParameters::parse);
        List<Object> values = new ArrayList<>(order.size());
        for (String name : order) {
            if (!row.containsKey(name)) {
                throw new SQLException("no value for the parameter :#" + name);
            }
            values.add(row.get(name));
        }
        return values.iterator();
    }

    private static List<String> parse(String query) {
        List<String> order = new ArrayList<>();
        Matcher matcher = NAMED.matcher(query);
        while (matcher.find()) {
            order.add(matcher.group(1));
        }
        return order;
    }
}
