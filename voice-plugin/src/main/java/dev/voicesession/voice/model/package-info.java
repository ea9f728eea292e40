/** Plain values every other package of the voice plugin may use: it depends on none of them. */
package dev.voicesession.voice.model;
