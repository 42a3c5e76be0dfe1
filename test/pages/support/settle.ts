// Run before every page test file (jest setupFilesAfterEnv), so this afterEach comes before testing-library's
// cleanup. A page's requests go through the stand-in, whose every SDK call yields to the event loop as a network call
// does, so a test can end with answers still on their way: they land here, inside act() while the page is still
// mounted, and no call is left running into the next test or past the runtime's close.
import { act } from 'react';
import { taroMock } from '../mocks/taro';

/** Waits until every request and upload a page sent has answered, and what the answers started has too. */
export async function settle(): Promise<void> {
  // act() renders and runs effects when its callback ends, and an effect may send the next request: check again after.
  while (taroMock.inFlight.size > 0) {
    await act(async () => {
      await Promise.all(taroMock.inFlight);
      // An answer's continuation may send the next request (a next page, a reload) a few ticks later.
      await new Promise((resolve) => setTimeout(resolve, 0));
    });
  }
}

afterEach(settle);
