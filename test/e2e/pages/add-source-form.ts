/** The Sources dock's "Add a source" form, driven by its labels. */
import type { Locator, Page } from 'playwright-core';

export interface PickedFile {
  name: string;
  mimeType: string;
  buffer: Buffer;
}

export class AddSourceForm {
  constructor(readonly page: Page) {}

  root(): Locator {
    return this.page.getByRole('form', { name: 'Add a source' });
  }

  submitButton(): Locator {
    return this.root().getByRole('button', { name: 'Add source' });
  }

  /** Choose a kind ("Image", "Media file"...) and a file for it; does not submit. */
  async pickFile(kind: string, file: PickedFile): Promise<void> {
    await this.root().getByLabel('Kind').selectOption({ label: kind });
    await this.root().getByLabel(/file$/i).setInputFiles(file);
  }

  /** The form's errors (role alert), e.g. a file that is too large. */
  errors(): Locator {
    return this.root().getByRole('alert');
  }
}
