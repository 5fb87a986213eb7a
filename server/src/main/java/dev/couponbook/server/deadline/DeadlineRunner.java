package dev.couponbook.server.deadline;

import dev.couponbook.server.role.ConditionalOnRole;
import org.jobrunr.server.BackgroundJobServer;
import org.jobrunr.storage.StorageProvider;
import org.jobrunr.utils.mapper.JsonMapper;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.ApplicationContext;
import org.springframework.context.event.ContextClosedEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

import static org.jobrunr.server.BackgroundJobServerConfiguration.usingStandardBackgroundJobServerConfiguration;

/**
 * Runs the deadlines that are due, in instances of the {@code generation} role: only those can
 * handle every kind, the sagas' sweeps as well as the coupons' lock ends (the aggregates are in
 * every role). A deadline whose coupon or saga this instance lacked would be dropped as done.
 * Several runners share the store; JobRunr hands each deadline to one of them. Started once the
 * application is ready, so Axon can load the coupons and sagas, and stopped before Axon shuts down.
 */
@Component
@ConditionalOnRole("generation")
public class DeadlineRunner {

    private final BackgroundJobServer server;

    public DeadlineRunner(StorageProvider deadlineStorage, JsonMapper deadlineJsonMapper, ApplicationContext context,
                          DeadlineProperties settings) {
        this.server = new BackgroundJobServer(deadlineStorage, deadlineJsonMapper,
                // Every job is a call on the JobRunrDeadlineManager bean.
                context::getBean,
                usingStandardBackgroundJobServerConfiguration()
                        .andPollInterval(settings.pollInterval())
                        .andDeleteSucceededJobsAfter(settings.keepDone())
                        .andPermanentlyDeleteDeletedJobsAfter(settings.keepDone()));
    }

    @EventListener(ApplicationReadyEvent.class)
    public void start() {
        server.start();
    }

    @EventListener(ContextClosedEvent.class)
    public void stop() {
        if (server.isRunning()) {
            server.stop();
        }
    }
}
