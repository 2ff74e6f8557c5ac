import { traceOf } from '../../src/replies/answerTrace';
import { createReplies } from '../../src/replies/replies';
import { renderReply } from '../../src/channels/renderReplies';
import { realKnowledge } from '../helpers/botHarness';

function build() {
    const { kb, search } = realKnowledge();
    return { kb, search, replies: createReplies(search, kb.sources, kb.gaps) };
}

describe('Replies', () => {
    describe('when an FAQ entry answers', () => {
        it('carries the entry’s sources as citations in the trace, each with its article’s title, short title and the figures’ date', () => {
            const { search, replies } = build();
            const entry = search.entry('salary-figures')!;
            const trace = traceOf(replies.answer(entry, 0.9))!;
            expect(trace).toMatchObject({ source: 'knowledge', ids: ['salary-figures'], score: 0.9 });
            const articles = entry.source.flatMap((ref) => ('doc' in ref ? [ref] : []));
            expect(articles).toHaveLength(entry.source.length);
            expect(trace.citations).toEqual(
                articles.map((ref) => ({
                    source: ref.doc,
                    title: expect.stringMatching(/^(Medical Laboratory Technician Online Classes and Training|Why is a Medical Technician Career a Smart Choice for Your Future\?)$/),
                    shortTitle: ref.doc === 'mlt-online-classes' ? 'MLT classes & training' : 'Why a med tech career is a smart choice',
                    section: ref.section,
                    asOf: entry.asOf,
                })),
            );
        });

        it('carries the follow-ups it offers as buttons as a field: each entry’s id and title', () => {
            const { search, replies } = build();
            const entry = search.entry('salary-figures')!;
            const reply = replies.answer(entry, 0.9);
            const followUps = traceOf(reply)!.followUps!;
            expect(followUps.map((f) => f.id)).toEqual(entry.followUps);
            expect(reply.suggestedActions?.actions.map((a) => a.title)).toEqual(followUps.map((f) => f.title));
        });

        it('puts no source line in the text: the channel renders it from the citations', () => {
            const { search, replies } = build();
            const entry = search.entry('salary-figures')!;
            const reply = replies.answer(entry, 0.9);
            expect(reply.text).toBe(entry.answer.trim());
            renderReply('webchat', reply);
            expect(reply.text).toBe(`${entry.answer.trim()}\n\n_Sources: Why a med tech career is a smart choice; MLT classes & training, Nov 2024_`);
        });
    });

    describe('when a dialog replies from facts', () => {
        it('lists each article section once however often the facts name it', () => {
            const { kb, replies } = build();
            const refs = kb.facts.workSettings.settings.flatMap((s) => s.source);
            const reply = replies.fromDialog('workSettings', 'Settings', [], { ids: ['workplaces-settings'], citations: replies.citations(refs) });
            const citations = traceOf(reply)!.citations!;
            expect(new Set(citations.map((c) => `${c.source} ${'section' in c ? c.section : ''}`)).size).toBe(citations.length);
            expect(citations.length).toBeLessThan(refs.length);
        });

        it('leaves citations and follow-ups out of the trace of a reply that states nothing from the sources', () => {
            const { replies } = build();
            expect(traceOf(replies.fromDialog('workSettings', 'No problem.', []))).toEqual({ source: 'dialog', dialog: 'workSettings', ids: [], score: 1 });
        });
    });
});
