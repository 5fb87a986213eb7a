package dev.couponbook.generation;

import org.axonframework.deadline.DeadlineManager;
import org.axonframework.modelling.saga.AssociationValue;
import org.axonframework.modelling.saga.SagaScopeDescriptor;
import org.axonframework.modelling.saga.repository.SagaStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

import java.util.Set;

/**
 * Schedules a sweep for every running job when the generation role starts. Axon's default deadline
 * manager keeps deadlines in memory, so a restart loses them; without this, a job whose chunk
 * messages were lost with the restart would wait forever.
 */
@Component
public class GenerationRecovery {

    private static final Logger log = LoggerFactory.getLogger(GenerationRecovery.class);

    private final SagaStore<Object> sagas;
    private final DeadlineManager deadlines;
    private final GenerationSettings settings;

    public GenerationRecovery(SagaStore<Object> sagas, DeadlineManager deadlines, GenerationSettings settings) {
        this.sagas = sagas;
        this.deadlines = deadlines;
        this.settings = settings;
    }

    @EventListener(ApplicationReadyEvent.class)
    public void resumeSweeps() {
        Set<String> running = sagas.findSagas(CodeGenerationSaga.class,
                new AssociationValue(CodeGenerationSaga.RUNNING_KEY, CodeGenerationSaga.RUNNING_VALUE));
        for (String sagaId : running) {
            SagaScopeDescriptor saga = new SagaScopeDescriptor(CodeGenerationSaga.class.getSimpleName(), sagaId);
            deadlines.cancelAllWithinScope(CodeGenerationSaga.SWEEP, saga);
            deadlines.schedule(settings.chunkTimeout(), CodeGenerationSaga.SWEEP,
                    new CodeGenerationSaga.SweepDue(), saga);
        }
        if (!running.isEmpty()) {
            log.info("Resumed sweeps of {} running generation jobs", running.size());
        }
    }
}
