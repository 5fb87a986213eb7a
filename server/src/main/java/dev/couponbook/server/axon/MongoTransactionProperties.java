package dev.couponbook.server.axon;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Whether units of work run in MongoDB transactions ({@code couponbook.mongo.*}, see {@link MongoTransactions}).
 *
 * @param transactions {@code auto}, {@code required} or {@code off}; blank (an unset {@code MONGO_TRANSACTIONS}) is {@code auto}
 */
@ConfigurationProperties("couponbook.mongo")
public record MongoTransactionProperties(String transactions) {

    public MongoTransactionProperties {
        transactions = transactions == null || transactions.isBlank() ? "auto" : transactions;
    }
}
