/** The dashboard query as a supervisor's screen asks it: every figure, and a page of overdue slots with their enterprises. */
export const DASHBOARD = `query($t: ID!, $first: Int = 50, $after: String) { taskDashboard(taskId: $t) {
  asOf task { id title }
  progress { visits visitsChecked visitsCompleted understaffedVisits slots recorded reviewed published closed unpublished missing overdue overdueMissing publishedLate completionRate }
  departments { departmentCode department { code nameZh } dueWorkingDays slots recorded reviewed published closed missing overdue publishedLate problems problemRate followUpOpen
    inspectorsEngaged maxTeamsPerInspector meanTeamsPerInspector }
  burden { visits separateVisits visitsSaved savedShare visitsMade checksDone visitsSavedSoFar expectedVisits expectedIndependentVisits expectedSeparateVisits }
  categories { category label labelZh problemFound count share }
  industries { industryCode industryName industryNameEn enterprises results problems rate }
  overdue(first: $first, after: $after) { totalCount pageInfo { hasNextPage endCursor }
    nodes { visitId departmentCode recorded resultStatus basis checkDate dueDate dueWorkingDays status workingDaysOverdue
      enterprise { uscc name } department { nameZh } visit { id uscc } result { id category } } }
} }`;
