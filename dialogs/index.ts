import type { DialogDeps } from './dialogDeps';
import { MainDialog } from './mainDialog';
import { MltVsMlsDialog } from './mltVsMlsDialog';
import { PathwayPlannerDialog } from './pathwayPlannerDialog';
import { LicensureDialog } from './licensureDialog';
import { SalaryCheckDialog } from './salaryCheckDialog';
import { WorkSettingsDialog } from './workSettingsDialog';
import { CareerFitDialog } from './careerFitDialog';

export { MainDialog, MAIN_DIALOG } from './mainDialog';
export type { ConversationMemory, DialogDeps, UnansweredQuestions } from './dialogDeps';

/** Builds the main dialog with every topic dialog under it. */
export function createMainDialog(deps: DialogDeps): MainDialog {
    return new MainDialog(deps, [
        new MltVsMlsDialog(deps),
        new PathwayPlannerDialog(deps),
        new LicensureDialog(deps),
        new SalaryCheckDialog(deps),
        new WorkSettingsDialog(deps),
        new CareerFitDialog(deps),
    ]);
}
