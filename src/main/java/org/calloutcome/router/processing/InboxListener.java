package org.calloutcome.router.processing;

import java.sql.Connection;
import java.sql.Statement;

import javax.sql.DataSource;

import org.apache.camel.support.service.ServiceSupport;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * On PostgreSQL, wakes this instance's inbox workers when any instance stores new webhooks (intake sends
 * {@code pg_notify} with each batch it commits), so a backlog accepted by one instance is drained by all of them at
 * once. Holds one connection of the pool; reconnects after a database outage. The periodic scan stays as the safety net.
 */
public final class InboxListener extends ServiceSupport {
    private static final Logger LOG = LoggerFactory.getLogger(InboxListener.class);

    private final DataSource dataSource;
    private final String channel;
    private final Runnable wakeup;
    private volatile boolean running;
    private Thread thread;

    public InboxListener(DataSource dataSource, String channel, Runnable wakeup) {
        this.dataSource = dataSource;
        this.channel = channel;
        this.wakeup = wakeup;
    }

    @Override
    protected void doStart() {
        running = true;
        thread = new Thread(this::listen, "inbox-listener");
        thread.setDaemon(true);
        thread.start();
    }

    @Override
    protected void doStop() throws InterruptedException {
        running = false;
        if (thread != null) {
            thread.interrupt();
            thread.join(3000);
        }
    }

    private void listen() {
        while (running) {
            try (Connection connection = dataSource.getConnection()) {
                try (Statement listen = connection.createStatement()) {
                    listen.execute("LISTEN \"" + channel.replace("\"", "") + "\"");
                }
                PGConnection notifications = connection.unwrap(PGConnection.class);
                while (running) {
                    PGNotification[] received = notifications.getNotifications(1000);
                    if (received != null && received.length > 0) {
                        wakeup.run();
                    }
                }
            } catch (Exception e) {
                if (!running) {
                    return;
                }
                LOG.warn("Not listening for new webhooks of other instances ({}); retrying in 5 s",
                        e.getClass().getName());
                try {
                    Thread.sleep(5000);
                } catch (InterruptedException interrupted) {
                    return;
                }
            }
        }
    }
}
