// Run before every page test file (jest setupFilesAfterEnv), so this afterEach comes before testing-library's
// cleanup: answers still on their way when a test ends land while the page is mounted, inside act(), and no call is
// left running into the next test or past the runtime's close.
import { settle } from './runtime';

afterEach(settle);
