package org.citusschemas.admin.schemas;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.citusschemas.admin.database.NodeAddress;
import org.citusschemas.admin.database.RefusedException;
import org.junit.jupiter.api.Test;

class WritePauseTest {

    private static WritePause atMegabytesPerSecond(double rate) {
        WritePause pause = new WritePause();
        pause.megabytesPerSecond = rate;
        return pause;
    }

    private static DistributedSchema schema(String name, long bytes) {
        return new DistributedSchema(
                name, 1, bytes, bytes / 1_000_000 + " MB", name, new NodeAddress("worker1", 5432), List.of(1L), null);
    }

    @Test
    void refusesABlockWritesMoveThatWouldHoldWritesLongerThanTheServicesWait() {
        RefusedException refused = assertThrows(
                RefusedException.class,
                () -> atMegabytesPerSecond(25)
                        .requireShortEnough(
                                "block_writes", List.of(schema("small", 1_000_000), schema("big", 400_000_000))));
        assertTrue(refused.getMessage().contains("big (400 MB)"), refused.getMessage());
        assertTrue(refused.getMessage().contains("about 16 s"), refused.getMessage());
        assertTrue(refused.getMessage().contains("auto or force_logical"), refused.getMessage());
    }

    @Test
    void letsABlockWritesMoveThroughThatTheServicesCanWaitFor() {
        assertDoesNotThrow(() -> atMegabytesPerSecond(25)
                .requireShortEnough("block_writes", List.of(schema("userservice", 370_000_000))));
    }

    @Test
    void neverRefusesTheLogicalModesWhichHoldWritesOnlyForTheCatchUp() {
        List<DistributedSchema> huge = List.of(schema("huge", 50_000_000_000L));
        assertDoesNotThrow(() -> atMegabytesPerSecond(25).requireShortEnough("auto", huge));
        assertDoesNotThrow(() -> atMegabytesPerSecond(25).requireShortEnough("force_logical", huge));
    }

    @Test
    void theRateSettingDecides() {
        assertThrows(
                RefusedException.class,
                () -> atMegabytesPerSecond(5)
                        .requireShortEnough("block_writes", List.of(schema("userservice", 100_000_000))));
    }
}
