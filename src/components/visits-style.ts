// The styles of the visit, issue and follow-up pages (a module, so pages and tests import it alike).
import './visits.css';
