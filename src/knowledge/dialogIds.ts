/**
 * The topic dialogs, by id: the one list the content schema (an entry's `dialog:`), each dialog's constructor and
 * MainDialog's routing use. A new topic dialog is named here first; `knowledge/` may then hand questions to it.
 */
export const TOPIC_DIALOG_IDS = ['mltVsMls', 'pathwayPlanner', 'licensure', 'salaryCheck', 'workSettings', 'careerFit'] as const;

/** The id of a topic dialog. */
export type TopicDialogId = (typeof TOPIC_DIALOG_IDS)[number];

/** The same ids by name (`TOPIC_DIALOG.licensure`), so code names a dialog without spelling its id again. */
export const TOPIC_DIALOG = Object.freeze(Object.fromEntries(TOPIC_DIALOG_IDS.map((id) => [id, id]))) as { readonly [Id in TopicDialogId]: Id };

/**
 * The trace's `dialog` for small talk (greetings, thanks, identity, goodbye, frustration): neither an answer from
 * knowledge nor an unanswered question. Declared here only; everything else imports it.
 */
export const SMALL_TALK_DIALOG = 'small-talk';
