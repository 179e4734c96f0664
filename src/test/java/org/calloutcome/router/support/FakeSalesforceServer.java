package org.calloutcome.router.support;

import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;

/**
 * The fake Salesforce org as a process of its own, for the benchmark ({@code bench/run}): prints its base URL, then
 * serves until stopped, printing how many API calls and call Tasks it took every 10 s.
 */
public final class FakeSalesforceServer {
    private FakeSalesforceServer() {
    }

    public static void main(String[] args) throws InterruptedException {
        FakeSalesforce org = new FakeSalesforce();
        org.keepRecords = false;
        WireMockServer server = org.serve(WireMockConfiguration.options().dynamicPort().disableRequestJournal());
        System.out.println("FAKE_SALESFORCE " + server.baseUrl());
        Executors.newSingleThreadScheduledExecutor().scheduleAtFixedRate(() -> System.out.println(
                "api calls " + org.apiCalls.get() + ", call tasks " + org.callTasks.size()), 10, 10, TimeUnit.SECONDS);
        Thread.currentThread().join();
    }
}
