/** Builds the voice plugin's parts in one place. */
package dev.voicesession.voice.wiring;
