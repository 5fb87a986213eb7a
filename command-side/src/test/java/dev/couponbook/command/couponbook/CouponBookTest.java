package dev.couponbook.command.couponbook;

import dev.couponbook.command.Refused;
import dev.couponbook.command.code.CodeRegistry;
import dev.couponbook.command.code.InMemoryCodeRegistry;
import dev.couponbook.messages.code.CodePattern;
import dev.couponbook.messages.couponbook.ActivateCouponBook;
import dev.couponbook.messages.couponbook.CodeChunkGenerated;
import dev.couponbook.messages.couponbook.CodeDetails;
import dev.couponbook.messages.couponbook.CodeGenerationCompleted;
import dev.couponbook.messages.couponbook.CodeGenerationFailed;
import dev.couponbook.messages.couponbook.CodeGenerationRequested;
import dev.couponbook.messages.couponbook.CodesUploaded;
import dev.couponbook.messages.couponbook.CompleteCodeGeneration;
import dev.couponbook.messages.couponbook.CouponBookActivated;
import dev.couponbook.messages.couponbook.CouponBookChanges;
import dev.couponbook.messages.couponbook.CouponBookCreated;
import dev.couponbook.messages.couponbook.CouponBookDeactivated;
import dev.couponbook.messages.couponbook.CouponBookTerms;
import dev.couponbook.messages.couponbook.CouponBookUpdated;
import dev.couponbook.messages.couponbook.CreateCouponBook;
import dev.couponbook.messages.couponbook.DeactivateCouponBook;
import dev.couponbook.messages.couponbook.FailCodeGeneration;
import dev.couponbook.messages.couponbook.RecordGeneratedCodes;
import dev.couponbook.messages.couponbook.RequestCodeGeneration;
import dev.couponbook.messages.couponbook.UpdateCouponBook;
import dev.couponbook.messages.couponbook.UploadCodes;
import dev.couponbook.messages.error.Refusal;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The coupon book's behaviour, one rule per test. */
class CouponBookTest {

    private static final String BOOK = "3f1c1a8e-2f43-4a57-9c1e-1e7f6f0b9a11";
    private static final CouponBookTerms TERMS = new CouponBookTerms("Summer", "10% off",
            Instant.parse("2026-06-01T00:00:00Z"), Instant.parse("2026-09-01T00:00:00Z"), 3, 1, false, null, null, null, null);
    private static final CouponBookCreated CREATED = new CouponBookCreated(BOOK, TERMS, true, Map.of());

    private AggregateTestFixture<CouponBook> fixture;
    private InMemoryCodeRegistry registry;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(CouponBook.class);
        registry = new InMemoryCodeRegistry();
        fixture.registerInjectableResource(registry);
    }

    @Test
    void canCreateABook() {
        fixture.givenNoPriorActivity()
                .when(new CreateCouponBook(BOOK, TERMS, true, null))
                .expectSuccessfulHandlerExecution()
                .expectEvents(CREATED);
    }

    @Test
    void cannotCreateABookWithoutName() {
        fixture.givenNoPriorActivity()
                .when(new CreateCouponBook(BOOK, new CouponBookTerms(" ", null, null, null, null, null, false, null, null, null, null), true, null))
                .expectException(Refused.with(Refusal.NAME_REQUIRED))
                .expectNoEvents();
    }

    @Test
    void cannotCreateABookThatEndsBeforeItStarts() {
        CouponBookTerms backwards = new CouponBookTerms("Odd", null, TERMS.endDate(), TERMS.startDate(), null, null, false, null, null, null, null);
        fixture.givenNoPriorActivity()
                .when(new CreateCouponBook(BOOK, backwards, true, null))
                .expectException(Refused.with(Refusal.INVALID_WINDOW))
                .expectExceptionMessage("endDate must be after startDate");
    }

    @Test
    void cannotCreateABookWithANonPositiveLimit() {
        CouponBookTerms zero = new CouponBookTerms("Zero", null, null, null, 0, null, false, null, null, null, null);
        fixture.givenNoPriorActivity()
                .when(new CreateCouponBook(BOOK, zero, true, null))
                .expectException(Refused.with(Refusal.INVALID_LIMIT));
    }

    @Test
    void canChangeSomeTermsKeepingTheRest() {
        CouponBookTerms renamed = new CouponBookTerms("Autumn", TERMS.description(), TERMS.startDate(), TERMS.endDate(),
                TERMS.maxCodesPerUser(), TERMS.maxRedemptionsPerUser(), false, null, null, null, null);
        fixture.given(CREATED)
                .when(new UpdateCouponBook(BOOK, new CouponBookChanges("Autumn", null, null, null, null, null, null, null, null, null, null), null))
                .expectEvents(new CouponBookUpdated(BOOK, renamed, Map.of()))
                .expectResultMessagePayload(new UpdatedCouponBook(renamed, Map.of()));
    }

    @Test
    void canRepeatAnUpdateWithoutNewEvents() {
        fixture.given(CREATED)
                .when(new UpdateCouponBook(BOOK, new CouponBookChanges(TERMS.name(), null, null, null, null, null, null, null, null, null, null), null))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
    }

    @Test
    void cannotMoveTheEndBeforeTheStart() {
        fixture.given(CREATED)
                .when(new UpdateCouponBook(BOOK, new CouponBookChanges(null, null, null,
                        Instant.parse("2026-05-01T00:00:00Z"), null, null, null, null, null, null, null), null))
                .expectException(Refused.with(Refusal.INVALID_WINDOW))
                .expectNoEvents();
    }

    @Test
    void canCreateABookWithMetadata() {
        Map<String, String> metadata = Map.of("campaign", "summer-26", "channel", "web");
        fixture.givenNoPriorActivity()
                .when(new CreateCouponBook(BOOK, TERMS, true, metadata))
                .expectEvents(new CouponBookCreated(BOOK, TERMS, true, metadata));
    }

    @Test
    void canCreateABookWithMetadataOfExactlyFourKilobytes() {
        fixture.givenNoPriorActivity()
                .when(new CreateCouponBook(BOOK, TERMS, true, metadataOfJsonBytes(4096)))
                .expectEvents(new CouponBookCreated(BOOK, TERMS, true, metadataOfJsonBytes(4096)));
    }

    @Test
    void cannotCreateABookWithMetadataOverFourKilobytes() {
        fixture.givenNoPriorActivity()
                .when(new CreateCouponBook(BOOK, TERMS, true, metadataOfJsonBytes(4097)))
                .expectException(Refused.with(Refusal.METADATA_TOO_LARGE))
                .expectNoEvents();
    }

    /** A multi-byte character counts with its UTF-8 bytes, as the JSON a reader gets holds it. */
    @Test
    void cannotCreateABookWhoseMetadataOnlyFitsWhenCountedInCharacters() {
        Map<String, String> metadata = new LinkedHashMap<>(metadataOfJsonBytes(4096));
        metadata.put("k0", "é" + metadata.get("k0").substring(1));
        fixture.givenNoPriorActivity()
                .when(new CreateCouponBook(BOOK, TERMS, true, metadata))
                .expectException(Refused.with(Refusal.METADATA_TOO_LARGE));
    }

    @Test
    void cannotCreateABookWithAMetadataKeyReadModelsCannotStore() {
        for (String key : List.of("", "a.b", "$where", "line\nbreak")) {
            fixture.givenNoPriorActivity()
                    .when(new CreateCouponBook(BOOK, TERMS, true, Map.of(key, "x")))
                    .expectException(Refused.with(Refusal.INVALID_METADATA))
                    .expectNoEvents();
        }
    }

    @Test
    void cannotCreateABookWithAMetadataValueTooLongOrMissing() {
        Map<String, String> missing = new HashMap<>();
        missing.put("orderId", null);
        for (Map<String, String> metadata : List.of(Map.of("note", "x".repeat(513)), Map.of("k", "nul\u0000"), missing)) {
            fixture.givenNoPriorActivity()
                    .when(new CreateCouponBook(BOOK, TERMS, true, metadata))
                    .expectException(Refused.with(Refusal.INVALID_METADATA))
                    .expectNoEvents();
        }
    }

    @Test
    void canReplaceTheMetadataKeepingTheTerms() {
        Map<String, String> replaced = Map.of("campaign", "autumn-26");
        fixture.given(new CouponBookCreated(BOOK, TERMS, true, Map.of("campaign", "summer-26", "channel", "web")))
                .when(new UpdateCouponBook(BOOK, new CouponBookChanges(null, null, null, null, null, null, null, null, null, null, null), replaced))
                .expectEvents(new CouponBookUpdated(BOOK, TERMS, replaced))
                .expectResultMessagePayload(new UpdatedCouponBook(TERMS, replaced));
    }

    @Test
    void canClearTheMetadata() {
        fixture.given(new CouponBookCreated(BOOK, TERMS, true, Map.of("campaign", "summer-26")))
                .when(new UpdateCouponBook(BOOK, new CouponBookChanges(null, null, null, null, null, null, null, null, null, null, null), Map.of()))
                .expectEvents(new CouponBookUpdated(BOOK, TERMS, Map.of()));
    }

    @Test
    void canChangeTheTermsKeepingTheMetadata() {
        Map<String, String> metadata = Map.of("campaign", "summer-26");
        CouponBookTerms renamed = new CouponBookTerms("Autumn", TERMS.description(), TERMS.startDate(), TERMS.endDate(),
                TERMS.maxCodesPerUser(), TERMS.maxRedemptionsPerUser(), false, null, null, null, null);
        fixture.given(new CouponBookCreated(BOOK, TERMS, true, metadata))
                .when(new UpdateCouponBook(BOOK, new CouponBookChanges("Autumn", null, null, null, null, null, null, null, null, null, null), null))
                .expectEvents(new CouponBookUpdated(BOOK, renamed, metadata));
    }

    @Test
    void canRepeatAMetadataUpdateWithoutNewEvents() {
        Map<String, String> metadata = Map.of("campaign", "summer-26");
        fixture.given(new CouponBookCreated(BOOK, TERMS, true, metadata))
                .when(new UpdateCouponBook(BOOK, new CouponBookChanges(null, null, null, null, null, null, null, null, null, null, null), metadata))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
    }

    @Test
    void cannotUpdateTheMetadataBeyondFourKilobytes() {
        fixture.given(CREATED)
                .when(new UpdateCouponBook(BOOK, new CouponBookChanges("Autumn", null, null, null, null, null, null, null, null, null, null),
                        metadataOfJsonBytes(4097)))
                .expectException(Refused.with(Refusal.METADATA_TOO_LARGE))
                .expectNoEvents();
    }

    /** Eight entries k0…k7 whose compact JSON {@code {"k0":"…",…}} takes exactly {@code bytes} bytes. */
    private static Map<String, String> metadataOfJsonBytes(int bytes) {
        // 2 braces, 7 commas and per entry "kN": plus the value's two quotes: 65 bytes around the values
        int values = bytes - 65;
        Map<String, String> metadata = new LinkedHashMap<>();
        for (int i = 0; i < 8; i++) {
            metadata.put("k" + i, "v".repeat(values / 8 + (i < values % 8 ? 1 : 0)));
        }
        return metadata;
    }

    @Test
    void canDeactivateAndActivate() {
        fixture.given(CREATED)
                .when(new DeactivateCouponBook(BOOK))
                .expectEvents(new CouponBookDeactivated(BOOK));
        fixture.given(CREATED, new CouponBookDeactivated(BOOK))
                .when(new ActivateCouponBook(BOOK))
                .expectEvents(new CouponBookActivated(BOOK));
    }

    @Test
    void canActivateAnActiveBookAsANoOp() {
        fixture.given(CREATED)
                .when(new ActivateCouponBook(BOOK))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
    }

    @Test
    void canUploadCodesClaimingThemGlobally() {
        fixture.given(CREATED)
                .when(new UploadCodes(BOOK, "u1", 0, List.of("AAAA1", "AAAA2")))
                .expectEvents(new CodesUploaded(BOOK, "u1", 0, List.of("AAAA1", "AAAA2")))
                .expectResultMessagePayload(Map.of());
        assertThat(registry.bookOf("AAAA1")).isEqualTo(BOOK);
    }

    @Test
    void cannotUploadACodeThatAnotherBookOwns() {
        registry.claim("other-book", "o#0", List.of("TAKEN"));
        fixture.given(CREATED)
                .when(new UploadCodes(BOOK, "u1", 0, List.of("TAKEN", "FREE1")))
                .expectEvents(new CodesUploaded(BOOK, "u1", 0, List.of("FREE1")))
                .expectResultMessagePayload(Map.of("TAKEN", CodeRegistry.Refusal.USED_BY_ANOTHER_BOOK));
    }

    @Test
    void canUploadCodesWithTheirExpiryAndMetadataClaimingTheExpiry() {
        Instant expiry = Instant.parse("2026-12-31T00:00:00Z");
        CodeDetails details = new CodeDetails(expiry, Map.of("tier", "gold"));
        fixture.given(CREATED)
                .when(new UploadCodes(BOOK, "u1", 0, List.of("AAAA1", "AAAA2"), Map.of("AAAA1", details)))
                .expectEvents(new CodesUploaded(BOOK, "u1", 0, List.of("AAAA1", "AAAA2"), Map.of("AAAA1", details)));
        assertThat(registry.expiryOf("AAAA1")).isEqualTo(expiry);
        assertThat(registry.expiryOf("AAAA2")).isNull();
    }

    @Test
    void cannotRecordTheDetailsOfACodeAnotherBookOwns() {
        registry.claim("other-book", "o#0", List.of("TAKEN"));
        CodeDetails details = new CodeDetails(null, Map.of("tier", "gold"));
        fixture.given(CREATED)
                .when(new UploadCodes(BOOK, "u1", 0, List.of("TAKEN", "FREE1"), Map.of("TAKEN", details, "FREE1", details)))
                .expectEvents(new CodesUploaded(BOOK, "u1", 0, List.of("FREE1"), Map.of("FREE1", details)));
    }

    @Test
    void canRequestGenerationWhoseCodesExpireAndRecordItsChunksWithTheExpiry() {
        Instant expiry = Instant.parse("2026-12-31T00:00:00Z");
        fixture.given(CREATED)
                .when(new RequestCodeGeneration(BOOK, "job1", 2, "SUMMER-####", 1000, expiry))
                .expectEvents(new CodeGenerationRequested(BOOK, "job1", 2, "SUMMER-####", 1000, 1, expiry));
        fixture.given(CREATED, new CodeGenerationRequested(BOOK, "job1", 2, "SUMMER-####", 1000, 1, expiry))
                .when(new RecordGeneratedCodes(BOOK, "job1", 0, List.of("SUMMER-0001", "SUMMER-0002")))
                .expectEvents(new CodeChunkGenerated(BOOK, "job1", 0, List.of("SUMMER-0001", "SUMMER-0002"), expiry));
        assertThat(registry.expiryOf("SUMMER-0002")).isEqualTo(expiry);
    }

    @Test
    void canCreateABookWhoseCodesExpireAfterAssignment() {
        CouponBookTerms month = new CouponBookTerms("Month", null, null, null, null, null, false, null, null, null, Duration.ofDays(30));
        fixture.givenNoPriorActivity()
                .when(new CreateCouponBook(BOOK, month, true, null))
                .expectEvents(new CouponBookCreated(BOOK, month, true, Map.of()));
    }

    @Test
    void cannotCreateABookWhoseCodesExpireImmediatelyOrAfterTooLong() {
        for (Duration validity : List.of(Duration.ZERO, Duration.ofHours(-1), CouponBookTerms.MAX_CODE_VALIDITY.plusSeconds(1))) {
            CouponBookTerms odd = new CouponBookTerms("Odd", null, null, null, null, null, false, null, null, null, validity);
            new AggregateTestFixture<>(CouponBook.class).givenNoPriorActivity()
                    .when(new CreateCouponBook(BOOK, odd, true, null))
                    .expectException(Refused.with(Refusal.INVALID_CODE_VALIDITY))
                    .expectNoEvents();
        }
    }

    @Test
    void canChangeHowLongCodesLastAfterAssignment() {
        fixture.given(CREATED)
                .when(new UpdateCouponBook(BOOK, new CouponBookChanges(null, null, null, null, null, null, null, null,
                        null, null, Duration.ofHours(12)), null))
                .expectEvents(new CouponBookUpdated(BOOK, new CouponBookTerms(TERMS.name(), TERMS.description(),
                        TERMS.startDate(), TERMS.endDate(), 3, 1, false, null, null, null, Duration.ofHours(12)), Map.of()));
    }

    @Test
    void canRepeatAnUploadedBatchWithoutRecordingItTwice() {
        fixture.given(CREATED, new CodesUploaded(BOOK, "u1", 0, List.of("AAAA1")))
                .when(new UploadCodes(BOOK, "u1", 0, List.of("AAAA1")))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
    }

    @Test
    void canRequestGenerationSplitIntoChunks() {
        fixture.given(CREATED)
                .when(new RequestCodeGeneration(BOOK, "job1", 2500, "SUMMER-####", 1000))
                .expectEvents(new CodeGenerationRequested(BOOK, "job1", 2500, "SUMMER-####", 1000, 3))
                .expectResultMessagePayload("job1");
    }

    @Test
    void canRequestGenerationWithTheBookPatternWhenNoneIsGiven() {
        CouponBookTerms patterned = new CouponBookTerms("Patterned", null, null, null, null, null, false, "PB-#{6}", null, null, null);
        fixture.given(new CouponBookCreated(BOOK, patterned, true, Map.of()))
                .when(new RequestCodeGeneration(BOOK, "job1", 10, null, 1000))
                .expectEvents(new CodeGenerationRequested(BOOK, "job1", 10, "PB-#{6}", 1000, 1));
    }

    @Test
    void canRequestGenerationWithTheDefaultPatternWhenTheBookHasNone() {
        fixture.given(CREATED)
                .when(new RequestCodeGeneration(BOOK, "job1", 10, null, 1000))
                .expectEvents(new CodeGenerationRequested(BOOK, "job1", 10, CodePattern.DEFAULT, 1000, 1));
    }

    @Test
    void cannotRequestMoreCodesThanThePatternLeavesRoomFor() {
        fixture.given(CREATED)
                .when(new RequestCodeGeneration(BOOK, "job1", 101, "[0-9]{3}", 1000))
                .expectException(Refused.with(Refusal.PATTERN_TOO_SMALL))
                .expectNoEvents();
    }

    @Test
    void cannotRequestGenerationOfNoCodes() {
        fixture.given(CREATED)
                .when(new RequestCodeGeneration(BOOK, "job1", 0, null, 1000))
                .expectException(Refused.with(Refusal.INVALID_COUNT));
    }

    @Test
    void canRecordAGeneratedChunkOnce() {
        CodeGenerationRequested requested = new CodeGenerationRequested(BOOK, "job1", 3, null, 2, 2);
        fixture.given(CREATED, requested)
                .when(new RecordGeneratedCodes(BOOK, "job1", 1, List.of("LAST1")))
                .expectEvents(new CodeChunkGenerated(BOOK, "job1", 1, List.of("LAST1")));
        fixture.given(CREATED, requested, new CodeChunkGenerated(BOOK, "job1", 1, List.of("LAST1")))
                .when(new RecordGeneratedCodes(BOOK, "job1", 1, List.of("OTHER")))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
    }

    @Test
    void cannotRecordAChunkWithACodeTakenElsewhere() {
        registry.claim("other-book", "o#0", List.of("DUP01"));
        fixture.given(CREATED, new CodeGenerationRequested(BOOK, "job1", 2, null, 2, 1))
                .when(new RecordGeneratedCodes(BOOK, "job1", 0, List.of("NEW01", "DUP01")))
                .expectNoEvents()
                .expectResultMessagePayload(List.of("DUP01"));
    }

    @Test
    void cannotRecordAChunkOfTheWrongSize() {
        fixture.given(CREATED, new CodeGenerationRequested(BOOK, "job1", 4, null, 2, 2))
                .when(new RecordGeneratedCodes(BOOK, "job1", 0, List.of("ONLY1")))
                .expectException(Refused.with(Refusal.INVALID_CHUNK));
    }

    @Test
    void cannotCompleteAJobWithChunksMissing() {
        fixture.given(CREATED, new CodeGenerationRequested(BOOK, "job1", 4, null, 2, 2),
                        new CodeChunkGenerated(BOOK, "job1", 0, List.of("A0001", "A0002")))
                .when(new CompleteCodeGeneration(BOOK, "job1"))
                .expectException(Refused.with(Refusal.GENERATION_INCOMPLETE));
    }

    @Test
    void canCompleteAJobWhoseChunksAreAllRecorded() {
        fixture.given(CREATED, new CodeGenerationRequested(BOOK, "job1", 3, null, 2, 2),
                        new CodeChunkGenerated(BOOK, "job1", 0, List.of("A0001", "A0002")),
                        new CodeChunkGenerated(BOOK, "job1", 1, List.of("A0003")))
                .when(new CompleteCodeGeneration(BOOK, "job1"))
                .expectEvents(new CodeGenerationCompleted(BOOK, "job1", 3));
    }

    @Test
    void canFailAJobKeepingWhatWasRecorded() {
        fixture.given(CREATED, new CodeGenerationRequested(BOOK, "job1", 4, null, 2, 2),
                        new CodeChunkGenerated(BOOK, "job1", 0, List.of("A0001", "A0002")))
                .when(new FailCodeGeneration(BOOK, "job1", "poison chunk 1"))
                .expectEvents(new CodeGenerationFailed(BOOK, "job1", "poison chunk 1", 2));
    }

    @Test
    void cannotCreateABookWithANonPositivePerCodeLimitOrBudget() {
        CouponBookTerms perCode = new CouponBookTerms("Zero", null, null, null, null, null, true, null, 0, null, null);
        CouponBookTerms budget = new CouponBookTerms("Zero", null, null, null, null, null, false, null, null, -5, null);
        fixture.givenNoPriorActivity()
                .when(new CreateCouponBook(BOOK, perCode, true, null))
                .expectException(Refused.with(Refusal.INVALID_LIMIT));
        fixture.givenNoPriorActivity()
                .when(new CreateCouponBook(BOOK, budget, true, null))
                .expectException(Refused.with(Refusal.INVALID_LIMIT));
    }

    @Test
    void canChangeTheRedemptionLimitsKeepingTheRest() {
        CouponBookTerms limited = new CouponBookTerms(TERMS.name(), TERMS.description(), TERMS.startDate(), TERMS.endDate(),
                TERMS.maxCodesPerUser(), TERMS.maxRedemptionsPerUser(), false, null, 3, 500, null);
        fixture.given(CREATED)
                .when(new UpdateCouponBook(BOOK, new CouponBookChanges(null, null, null, null, null, null, null, null, 3, 500, null), null))
                .expectEvents(new CouponBookUpdated(BOOK, limited, Map.of()));
    }
}
