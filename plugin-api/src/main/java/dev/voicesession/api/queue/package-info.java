/** The conversation queue and the {@link dev.voicesession.api.queue.RequestHandler} extension point. */
package dev.voicesession.api.queue;
