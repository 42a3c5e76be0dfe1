// The reports pages' styles, imported as a module (see components/visits-style.ts for why not the .css itself).
import './reports.css';
