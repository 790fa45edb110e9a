// What the three charts share: a container and a readout line, one request in flight (a newer filter change
// aborts the older fetch), and errors other than that abort reported to the page.
import { Latest, isAbort } from "./api.js";

export class ChartView {
  constructor(container, readout, onError) {
    this.container = container;
    this.readout = readout;
    this.onError = onError;
    this.request = new Latest();
    this.data = null;
  }

  /** Fetch with `this.load(filters)` (the subclass's), keep the answer in `this.data`, then render. */
  async update(filters) {
    try {
      this.data = await this.load(filters);
      this.render();
    } catch (err) {
      if (!isAbort(err)) this.onError(err);
    }
  }
}
