/**
 * The draw frame protocol between the joint-tasks subgraph and the registry: the one documented
 * service-to-service call of the draw (DESIGN.md). `POST <registry>/internal/frame` with a
 * FrameRequest body and the caller's bearer token answers with one JSON line (FrameHeader) and
 * then one `uscc<TAB>classes<TAB>listed` line per eligible enterprise, ordered by USCC, where
 * `classes` has one character per requested department: its risk class A-D, or `-` when that
 * department does not supervise (tag) the enterprise, and `listed` is 1 when the enterprise is
 * on a shared list now.
 */

/**
 * What the joint-tasks subgraph asks the registry for when it draws: the one documented
 * service-to-service call of the draw (DESIGN.md). The registry answers from its own tables, so
 * no other subgraph ever reads them.
 */
export interface FrameRequest {
  /** Participating departments, in the order the classes string will use. */
  departments: string[];
  /** Check items of the task (their expertise decides who may inspect). */
  checkItems: string[];
  /** Only the header (policies, items, inspectors, recusals): for re-staffing a team after the draw. */
  headerOnly?: boolean;
  /** Directed-draw conditions; omitted = the whole directory (non-directed). */
  scope?: {
    divisions?: string[];
    industries?: string[];
    enterpriseTypes?: string[];
    /** Only enterprises tagged by this department (optionally in these risk classes). */
    taggedBy?: { department: string; riskClasses?: string[] }[];
  };
}

/** The JSON first line of a frame response; enterprise rows follow as tab-separated lines. */
export interface FrameHeader {
  departments: string[];
  policies: Record<
    string,
    {
      ratioA: number;
      ratioB: number;
      ratioC: number;
      ratioD: number;
      generalRatioCap: number;
      minIntervalDays: number;
      yearlyCap: number | null;
      exclusionYears: number;
      excludeListed: boolean;
      rotationDays: number;
    }
  >;
  checkItems: { code: string; departmentCode: string; category: string; expertise: string }[];
  inspectors: { id: string; department: string; active: boolean; expertise: string[] }[];
  /** [inspectorId, uscc] pairs. */
  recusals: [string, string][];
}
