package org.calloutcome.router.sink;

import java.util.List;

import org.apache.camel.Exchange;
import org.apache.camel.builder.endpoint.EndpointRouteBuilder;

/**
 * The call log's write: the rows of a processed batch, a JDBC batch per table (camel-sql, {@code sql/merge-*.sql}),
 * in the transaction that marks the batch processed. Each row is a MERGE keyed by the vendor's id.
 */
public final class CallLogRoutes extends EndpointRouteBuilder {

    @Override
    public void configure() {
        // The call log rows of a batch, a JDBC batch per table, in the transaction of the batch's commit.
        from(direct("call-log-write"))
                .routeId("call-log-write")
                .setProperty("rows", body())
                .setBody(exchange -> rows(exchange).calls())
                .filter(exchange -> !exchange.getIn().getBody(List.class).isEmpty())
                    .to(sql("classpath:sql/merge-call-event.sql").dataSource("#dataSource").batch(true)
                            .advanced().prepareStatementStrategy("#namedParameters"))
                .end()
                .setBody(exchange -> rows(exchange).sequences())
                .filter(exchange -> !exchange.getIn().getBody(List.class).isEmpty())
                    .to(sql("classpath:sql/merge-sequence.sql").dataSource("#dataSource").batch(true)
                            .advanced().prepareStatementStrategy("#namedParameters"))
                .end()
                .setBody(exchange -> rows(exchange).steps())
                .filter(exchange -> !exchange.getIn().getBody(List.class).isEmpty())
                    .to(sql("classpath:sql/merge-sequence-step.sql").dataSource("#dataSource").batch(true)
                            .advanced().prepareStatementStrategy("#namedParameters"))
                .end();
    }

    private static CallLogSink.Rows rows(Exchange exchange) {
        return exchange.getProperty("rows", CallLogSink.Rows.class);
    }
}
