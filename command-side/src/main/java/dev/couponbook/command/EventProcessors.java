package dev.couponbook.command;

import dev.couponbook.command.couponbook.BookTermsProjection;
import dev.couponbook.command.pool.CodePoolProjection;
import dev.couponbook.command.wallet.WalletRedemptions;
import org.axonframework.config.ConfigurerModule;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import java.util.List;

/**
 * How the command side's event handlers run. Book terms are written subscribing, inside the
 * unit of work that stored the book's event, so a change is visible as soon as it is answered.
 * The pool and wallet redemptions ({@link #TRACKING}) track the event store:
 * they follow the history asynchronously and can replay it (threads and batches are set with
 * every other processor's, in the server's {@code EventProcessing}). Their dead-letter invokers
 * remember which sequences have no parked letter, as the read models' do, instead of asking the
 * queue for every event.
 */
@Configuration(proxyBeanMethods = false)
public class EventProcessors {

    /** The command side's tracking processors. */
    public static final List<String> TRACKING = List.of(CodePoolProjection.PROCESSING_GROUP,
            WalletRedemptions.PROCESSING_GROUP);

    @Bean
    ConfigurerModule commandSideProcessors() {
        return configurer -> configurer.eventProcessing(processing -> {
            processing.registerSubscribingEventProcessor(BookTermsProjection.PROCESSING_GROUP);
            for (String group : TRACKING) {
                processing.registerTrackingEventProcessor(group);
                processing.registerDeadLetteringEventHandlerInvokerConfiguration(group,
                        (config, invoker) -> invoker.enableSequenceIdentifierCache());
            }
        });
    }
}
