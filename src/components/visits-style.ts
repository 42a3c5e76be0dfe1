// The styles of the visit, issue and follow-up pages. Pages import this module rather than '@/components/visits.css':
// the page tests map '@/…' to src before their CSS stub applies, so the stylesheet itself would reach jest as code.
import './visits.css';
