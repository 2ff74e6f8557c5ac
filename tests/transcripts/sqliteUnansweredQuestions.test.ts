import { SqliteUnansweredQuestions } from '../../src/transcripts/sqliteUnansweredQuestions';
import { describeUnansweredQuestionsContract } from './unansweredContract';

describeUnansweredQuestionsContract('SqliteUnansweredQuestions', async () => new SqliteUnansweredQuestions(':memory:'));
