import { startTestApp, type TestApp } from '../helpers/testApp';
import { KnowledgeAuthoring } from '../../src/authoring/knowledgeAuthoring';
import { activityText } from '../../src/bot/activityText';
import { createBotClient } from '../../src/cli/botClient';

/**
 * A publication swaps the search and the main dialog between turns: a visitor in the middle of a dialog (a prompt
 * waiting for their answer) goes on in the new version as if nothing had happened, and the new version's answers
 * are given from their next question.
 */
let started: TestApp;
beforeAll(async () => {
    started = await startTestApp();
});
afterAll(() => started.close());

it('keeps a waiting prompt across a publication, and answers from the new version after it', async () => {
    const visitor = createBotClient(`${started.base}/api/messages`);
    const say = async (text: string) => (await visitor.say('mid-dialog', text)).map(activityText).join('\n').toLowerCase();
    await visitor.join('mid-dialog');
    expect(await say('do lab techs need a state license?')).toMatch(/which state/);

    const authoring = new KnowledgeAuthoring(started.app.kb, started.app.storage.knowledgeLayer);
    const entry = await authoring.entry('skills-advice-new-techs');
    const phrasing = 'my zorblax glimmerstat lab quandary';
    await authoring.save(entry.id, { ...entry, questions: [...entry.questions, phrasing] }, entry.version, 'ann');
    await authoring.publish('ann');
    await started.app.knowledge.refresh();
    expect(started.app.knowledge.status().version).toBe(1);

    expect(await say('Hawaii')).toContain('hawaii requires a license');
    expect(await say(phrasing)).toContain(entry.answer.slice(0, 30).toLowerCase());
});
