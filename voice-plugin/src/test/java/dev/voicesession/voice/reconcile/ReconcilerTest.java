package dev.voicesession.voice.reconcile;

import static org.assertj.core.api.Assertions.assertThat;

import dev.voicesession.voice.config.VoiceSettings;
import dev.voicesession.voice.db.SessionRepository;
import dev.voicesession.voice.db.SessionRow;
import dev.voicesession.voice.discord.ChannelFacts.Overwrite;
import dev.voicesession.voice.discord.DeleteOutcome;
import dev.voicesession.voice.discord.VoicePermissions;
import dev.voicesession.voice.model.EndReason;
import dev.voicesession.voice.session.SessionDeps;
import dev.voicesession.voice.session.SessionRegistry;
import dev.voicesession.voice.testing.FakeDiscord;
import dev.voicesession.voice.testing.ManualScheduler;
import dev.voicesession.voice.testing.MapPluginConfig;
import dev.voicesession.voice.testing.MutableClock;
import dev.voicesession.voice.testing.TestDatabase;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

@ParameterizedClass
@EnumSource(TestDatabase.Kind.class)
class ReconcilerTest {

    private static final long GUILD = 100;
    private static final long DISABLED_GUILD = 101;
    /** A guild whose shard another process of the bot runs; voice is enabled there too. */
    private static final long OTHER_PROCESS_GUILD = 102;
    private static final long USER = 200;
    private static final long CATEGORY = 300;

    @Parameter
    TestDatabase.Kind kind;

    @TempDir
    Path dir;

    private final MutableClock clock = new MutableClock(Instant.parse("2026-11-24T12:00:00Z"));
    private final ManualScheduler scheduler = new ManualScheduler(clock);
    private final FakeDiscord discord = new FakeDiscord(clock, GUILD, DISABLED_GUILD, OTHER_PROCESS_GUILD);
    private SessionRepository repository;
    private Reconciler reconciler;

    @BeforeEach
    void setUp() {
        repository = TestDatabase.migrated(kind, dir).repository();
        VoiceSettings settings = VoiceSettings.load(MapPluginConfig.enabledFor(GUILD, Map.of(
                "guilds." + GUILD + ".category", Long.toString(CATEGORY),
                "guilds." + OTHER_PROCESS_GUILD + ".enabled", "true",
                "guilds." + OTHER_PROCESS_GUILD + ".category", Long.toString(CATEGORY))));
        reconciler = new Reconciler(new SessionDeps(settings, repository, discord, scheduler, clock, new SessionRegistry()),
                guildId -> guildId != OTHER_PROCESS_GUILD);
    }

    @AfterEach
    void tearDown() {
        scheduler.close();
    }

    private Map<Long, Overwrite> ours(long guildId, long userId) {
        return Map.of(
                guildId, new Overwrite(false, 0, VoicePermissions.EVERYONE_DENY),
                userId, new Overwrite(true, VoicePermissions.MEMBER_ALLOW, 0),
                FakeDiscord.BOT, new Overwrite(true, VoicePermissions.MEMBER_ALLOW, 0));
    }

    @Test
    @DisplayName("an active row from an earlier run: channel deleted by the stored guild id, row ended 'orphan'")
    void orphanSession() {
        long channel = discord.addChannel(GUILD, CATEGORY, "Voice-x", clock.instant(), ours(GUILD, USER));
        long row = repository.insertClaim(USER, GUILD, CATEGORY, 0, 0, clock.instant());
        repository.recordChannel(row, channel);

        ReconcileReport report = reconciler.reconcileGuild(GUILD);

        assertThat(report).isEqualTo(new ReconcileReport(1, 1, 0));
        assertThat(discord.exists(channel)).isFalse();
        SessionRow ended = repository.findById(row).orElseThrow();
        assertThat(ended.endReason()).isEqualTo(EndReason.ORPHAN.code());
        assertThat(ended.channelDeletedAt()).isNotNull();
    }

    @Test
    @DisplayName("rows of a guild whose shard another process runs are left to that process: not ended, channel kept")
    void otherProcessGuild() {
        long channel = discord.addChannel(OTHER_PROCESS_GUILD, CATEGORY, "Voice-x", clock.instant(),
                ours(OTHER_PROCESS_GUILD, USER));
        long row = repository.insertClaim(USER, OTHER_PROCESS_GUILD, CATEGORY, 700, 701, clock.instant());
        repository.recordChannel(row, channel);
        long claim = repository.insertClaim(USER + 1, OTHER_PROCESS_GUILD, CATEGORY, 0, 0, clock.instant());

        assertThat(reconciler.reconcileAll(List.of(GUILD, OTHER_PROCESS_GUILD))).isEqualTo(ReconcileReport.EMPTY);
        assertThat(reconciler.hasLeftovers(OTHER_PROCESS_GUILD)).as("no follow-up of this process").isFalse();

        assertThat(discord.exists(channel)).isTrue();
        assertThat(repository.findById(row).orElseThrow().endedAt()).isNull();
        assertThat(repository.findById(claim).orElseThrow().endedAt()).isNull();
        assertThat(discord.edits()).isEmpty();
    }

    @Test
    @DisplayName("an orphan's status message is edited to say the session ended; a row without one is ended quietly")
    void orphanStatusMessage() {
        long withStatus = repository.insertClaim(USER, GUILD, CATEGORY, 700, 701, clock.instant());
        repository.recordChannel(withStatus, discord.addChannel(GUILD, CATEGORY, "Voice-x", clock.instant(), ours(GUILD, USER)));
        long withoutStatus = repository.insertClaim(USER + 1, GUILD, CATEGORY, 0, 0, clock.instant());
        repository.recordChannel(withoutStatus,
                discord.addChannel(GUILD, CATEGORY, "Voice-y", clock.instant(), ours(GUILD, USER + 1)));

        reconciler.reconcileGuild(GUILD);

        assertThat(repository.findById(withStatus).orElseThrow().statusMessageId()).isEqualTo(701);
        assertThat(discord.edits()).containsExactly(
                new FakeDiscord.Edit(700, 701, "Voice session ended: the bot restarted."));
        assertThat(repository.findById(withoutStatus).orElseThrow().endReason()).isEqualTo("orphan");

        reconciler.reconcileGuild(GUILD);
        assertThat(discord.edits()).as("an ended row is not announced again").hasSize(1);
    }

    @Test
    @DisplayName("a crash between create and record: the claim finds its channel by facts, and only that one")
    void claimResolvedByFacts() {
        long row = repository.insertClaim(USER, GUILD, CATEGORY, 0, 0, clock.instant());
        long ours = discord.addChannel(GUILD, CATEGORY, "anything", clock.instant().plusSeconds(1), ours(GUILD, USER));
        long sameNameNotOurs = discord.addChannel(GUILD, CATEGORY, "Voice-user200", clock.instant(), Map.of());
        long otherUser = discord.addChannel(GUILD, CATEGORY, "Voice-y", clock.instant(), ours(GUILD, USER + 1));
        long otherCategory = discord.addChannel(GUILD, CATEGORY + 1, "Voice-z", clock.instant(), ours(GUILD, USER));

        ReconcileReport report = reconciler.reconcileGuild(GUILD);

        assertThat(report).isEqualTo(new ReconcileReport(1, 1, 0));
        assertThat(discord.exists(ours)).isFalse();
        assertThat(discord.channels().keySet()).containsExactlyInAnyOrder(sameNameNotOurs, otherUser, otherCategory);
        SessionRow ended = repository.findById(row).orElseThrow();
        assertThat(ended.endReason()).isEqualTo("orphan");
        assertThat(ended.channelId()).as("the row records the channel it found and deleted").isEqualTo(ours);
        assertThat(ended.state()).isEqualTo(SessionRow.ENDED);
        assertThat(ended.channelDeletedAt()).isNotNull();
    }

    @Test
    @DisplayName("a claim whose channel was never created is simply ended")
    void claimWithoutChannel() {
        long row = repository.insertClaim(USER, GUILD, CATEGORY, 0, 0, clock.instant());

        assertThat(reconciler.reconcileGuild(GUILD)).isEqualTo(new ReconcileReport(1, 0, 0));
        assertThat(repository.findUnreconciled(GUILD)).isEmpty();
        assertThat(repository.findById(row).orElseThrow().endedAt()).isNotNull();
        assertThat(repository.findById(row).orElseThrow().channelId()).as("no channel: none recorded").isZero();
    }

    @Test
    @DisplayName("a follow-up run waits for the channel of a claim whose create may still be carried out, then deletes it")
    void patientClaim() {
        long row = repository.insertClaim(USER, GUILD, CATEGORY, 0, 0, clock.instant());

        assertThat(reconciler.reconcileGuild(GUILD, true)).isEqualTo(ReconcileReport.EMPTY);
        assertThat(repository.findById(row).orElseThrow().endedAt()).as("left for a later run").isNull();
        assertThat(reconciler.hasLeftovers(GUILD)).isTrue();

        clock.advance(Duration.ofSeconds(3));
        long late = discord.addChannel(GUILD, CATEGORY, "Voice-late", clock.instant(), ours(GUILD, USER));
        assertThat(reconciler.reconcileGuild(GUILD, true)).isEqualTo(new ReconcileReport(1, 1, 0));
        assertThat(discord.exists(late)).isFalse();
        assertThat(reconciler.hasLeftovers(GUILD)).isFalse();
    }

    @Test
    @DisplayName("once its window has closed, a follow-up run ends a claim without a channel")
    void patientClaimWindowClosed() {
        long row = repository.insertClaim(USER, GUILD, CATEGORY, 0, 0, clock.instant());
        // the window: createTimeout (60 s by default) plus the allowed clock skew (30 s)
        clock.advance(Duration.ofSeconds(60).plus(OwnChannelRule.CLOCK_SKEW).plusSeconds(1));

        assertThat(reconciler.reconcileGuild(GUILD, true)).isEqualTo(new ReconcileReport(1, 0, 0));
        assertThat(repository.findById(row).orElseThrow().endedAt()).isNotNull();
    }

    @Test
    @DisplayName("a channel that cannot be deleted stays flagged and is retried at the next run")
    void flaggedUntilDeleted() {
        long channel = discord.addChannel(GUILD, CATEGORY, "v", clock.instant(), ours(GUILD, USER));
        long row = repository.insertClaim(USER, GUILD, CATEGORY, 0, 0, clock.instant());
        repository.recordChannel(row, channel);
        discord.deleteFailures = 1;
        discord.deleteFailure = DeleteOutcome.NO_ACCESS;

        assertThat(reconciler.reconcileGuild(GUILD)).isEqualTo(new ReconcileReport(1, 0, 1));
        assertThat(repository.findUnreconciled(GUILD)).hasSize(1);

        assertThat(reconciler.reconcileGuild(GUILD)).isEqualTo(new ReconcileReport(0, 1, 0));
        assertThat(repository.findUnreconciled(GUILD)).isEmpty();
        assertThat(discord.exists(channel)).isFalse();
    }

    @Test
    @DisplayName("a guild where voice is disabled is not touched")
    void disabledGuildUntouched() {
        long channel = discord.addChannel(DISABLED_GUILD, 0, "v", clock.instant(), ours(DISABLED_GUILD, USER));
        long row = repository.insertClaim(USER, DISABLED_GUILD, 0, 0, 0, clock.instant());
        repository.recordChannel(row, channel);

        assertThat(reconciler.reconcileAll(List.of(GUILD, DISABLED_GUILD))).isEqualTo(ReconcileReport.EMPTY);
        assertThat(discord.exists(channel)).isTrue();
        assertThat(repository.findById(row).orElseThrow().isActive()).isTrue();
        assertThat(discord.deleteCalls).hasValue(0);
    }

    @Test
    @DisplayName("channels no row knows are never touched, whatever their name")
    void foreignChannelsUntouched() {
        long foreign = discord.addChannel(GUILD, CATEGORY, "Voice-someone", clock.instant(), ours(GUILD, USER));

        reconciler.reconcileGuild(GUILD);

        assertThat(discord.exists(foreign)).isTrue();
        assertThat(discord.deleteCalls).hasValue(0);
    }
}
