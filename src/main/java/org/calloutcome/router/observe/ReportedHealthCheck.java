package org.calloutcome.router.observe;

import org.apache.camel.impl.health.AbstractHealthCheck;

/**
 * A check that reports a part the router depends on (a sink, a platform's API) in {@code /observe/health} without
 * deciding liveness or readiness: webhooks are taken and stored while that part is out.
 */
public abstract class ReportedHealthCheck extends AbstractHealthCheck {

    protected ReportedHealthCheck(String id) {
        super("router", id);
    }

    @Override
    public boolean isLiveness() {
        return false;
    }

    @Override
    public boolean isReadiness() {
        return false;
    }
}
