import { InFlight } from '../../src/server/inFlight';

describe('InFlight', () => {
    it('drains at once when nothing is in progress', async () => {
        await expect(new InFlight().drain(10)).resolves.toBe(true);
    });

    it('waits for the last request to end', async () => {
        const inFlight = new InFlight();
        inFlight.start();
        inFlight.start();
        const drained = inFlight.drain(1000);
        inFlight.end();
        expect(inFlight.size).toBe(1);
        inFlight.end();
        await expect(drained).resolves.toBe(true);
    });

    it('gives up after the timeout while a request is still running', async () => {
        const inFlight = new InFlight();
        inFlight.start();
        await expect(inFlight.drain(20)).resolves.toBe(false);
    });
});
