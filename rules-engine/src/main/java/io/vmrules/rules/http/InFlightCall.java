package io.vmrules.rules.http;

import java.io.IOException;
import okhttp3.Call;
import okhttp3.Response;

/**
 * The request a sender thread has on the wire, so that another thread can cancel it: socket reads
 * do not heed interrupts, and a close() that times out must not leave the thread in a read.
 */
public final class InFlightCall {
  private volatile Call call;

  /** Executes {@code c}, cancellable by {@link #cancel} meanwhile. */
  public Response execute(Call c) throws IOException {
    call = c;
    try {
      return c.execute();
    } finally {
      call = null;
    }
  }

  public void cancel() {
    Call c = call;
    if (c != null) {
      c.cancel();
    }
  }
}
