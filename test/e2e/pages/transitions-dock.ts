/** The Transitions dock: the kind (radio buttons) and the duration field. */
import type { Locator, Page } from 'playwright-core';

export class TransitionsDock {
  constructor(readonly page: Page) {}

  root(): Locator {
    return this.page.getByRole('region', { name: 'Transitions' });
  }

  kind(label: 'Cut' | 'Fade' | 'Slide'): Locator {
    return this.root().getByRole('radio', { name: label });
  }

  duration(): Locator {
    return this.root().getByLabel('Duration (ms)');
  }

  durationError(): Locator {
    return this.root().getByRole('alert');
  }

  /** What scene switches do now, as the studio says ("Slide, 500 ms"). */
  current(): Locator {
    return this.root().getByTestId('transition-now');
  }
}
