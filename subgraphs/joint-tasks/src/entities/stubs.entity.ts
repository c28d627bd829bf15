/** The registry's entities as referenced here (kit stubs: key only). */
export { CheckItem, Department, Enterprise, Inspector } from '@jih/kit';
