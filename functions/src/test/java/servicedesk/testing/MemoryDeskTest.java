package servicedesk.testing;

import org.junit.jupiter.api.BeforeEach;
import servicedesk.incident.IncidentStore;
import servicedesk.outage.OutageStore;
import servicedesk.records.DeskRecords;

/** The in-memory store the domain's unit tests use keeps the same promises as the DynamoDB store. */
class MemoryDeskTest extends DeskRecordsContract {
    private MemoryDesk desk;

    @BeforeEach
    void emptyDesk() {
        desk = new MemoryDesk();
    }

    @Override
    protected DeskRecords records() {
        return desk;
    }

    @Override
    protected IncidentStore incidents() {
        return desk.incidents();
    }

    @Override
    protected OutageStore outages() {
        return desk.outages();
    }
}
