import { createMainDialog } from '../../dialogs';
import { TOPIC_DIALOG, TOPIC_DIALOG_IDS } from '../../src/knowledge/dialogIds';
import { DialogIdSchema } from '../../src/knowledge/schema';
import { dialogDeps } from '../helpers/botHarness';

describe('topic dialog ids', () => {
    it('name a dialog MainDialog can start, each of them', () => {
        const main = createMainDialog(dialogDeps());
        for (const id of TOPIC_DIALOG_IDS) expect(main.findDialog(id)?.id).toBe(id);
    });

    it('are the ids a knowledge entry may hand its question to, and no others', () => {
        expect(DialogIdSchema.options).toEqual([...TOPIC_DIALOG_IDS]);
        expect(DialogIdSchema.safeParse('mainDialog').success).toBe(false);
    });

    it('are named by themselves in TOPIC_DIALOG', () => {
        expect(Object.entries(TOPIC_DIALOG)).toEqual(TOPIC_DIALOG_IDS.map((id) => [id, id]));
        expect(Object.isFrozen(TOPIC_DIALOG)).toBe(true);
    });
});
