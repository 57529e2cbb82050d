/**
 * Admin renomination: the cluster manager's steps when a worker node becomes the new admin node of a
 * high-availability cluster. These events carry labels of several words (`Copy HA configs`) between
 * the level and the structured data. Facts from Okta's admin renomination events page, in our words.
 */
import { EventCase, EventDoc } from './eventDoc';

/** A failed renomination step undoes itself (the documentation's corrective action). */
const failed = (meaning: string): EventCase => ({
  message: /fail/i, meaning, action: 'None needed for the failure itself: renomination puts the nodes back as they were.',
});

export const CLUSTER_EVENTS: Record<string, EventDoc> = {
  'MGMT CONSOLE EVENT': {
    summary: 'Admin renomination was started from the Management console; the message gives the versions of the gateway and of the cluster manager.',
  },
  'SEND AUTH KEY TO ADMIN NODE': {
    summary: 'Renomination: the nominated node sent its authorization key to the current admin node.',
  },
  ARGUMENTS: {
    summary: 'Renomination began; the message names the current admin node, the nominated node and the admin host name.',
  },
  'DETERMINE VERSION COMPATIBILITY': {
    summary: 'Renomination checked that every node of the cluster runs a version that supports it (2020.8.3 or later).',
    cases: [{
      message: /incompatible/i,
      meaning: 'Some nodes run a version that is too old; the message lists them, and renomination stopped.',
      action: 'Update the listed worker nodes to 2020.8.3 or later, then start the renomination again.',
    }],
  },
  'REMOVE NOMINATED NODE FROM HA': {
    summary: 'Renomination: the nominated worker was taken out of the cluster\'s high-availability configuration before it becomes the admin node.',
    cases: [failed('Taking the nominated node out of the configuration failed.'), { message: /removed/i, meaning: 'The nominated node was taken out of the configuration.' }],
  },
  'COPY HA CONFIGS': {
    summary: 'Renomination: the current admin node\'s high-availability configuration was copied to the nominated node.',
    cases: [failed('Copying the configuration failed.'), { message: /transferred/i, meaning: 'The configuration was copied.' }],
  },
  'BACKUP SSH KEYS': {
    summary: 'Renomination: the SSH keys of the nominated node were backed up.',
  },
  'SYNC KEYS': {
    summary: 'Renomination: the SSH known hosts and authorized keys of the admin node were synchronised with every worker.',
    cases: [failed('Synchronising the keys failed.'), { message: /synced/i, meaning: 'The keys were synchronised.' }],
  },
  'PREP HA CONFIG FOR WORKER NODE': {
    summary: 'Renomination: an updated high-availability configuration file was prepared for one worker node.',
  },
  'SEND HA CONFIG TO WORKER NODE': {
    summary: 'Renomination: the updated high-availability configuration was sent to one worker node.',
    cases: [failed('Sending the configuration failed.'), { message: /sent/i, meaning: 'The configuration was sent.' }],
  },
  'RECEIVED ACKNOWLEDGMENT': {
    summary: 'Renomination: worker nodes acknowledge the new admin node; the message counts the acknowledgements so far.',
    action: 'If a worker never acknowledges, contact Okta support to find out why.',
    cases: [{ message: /acknowledged by all/i, meaning: 'Every worker has acknowledged the new admin node.' }],
  },
  'RESET ADMIN NODE HA SETUP': {
    summary: 'Renomination: the high-availability configuration of the former admin node was reset, so it becomes a standalone node.',
  },
  'NOMINATION COMPLETED': {
    summary: 'Admin renomination finished successfully: this confirms that the former admin node was reset to a standalone node.',
  },
  'AUTH TOKEN VERIFICATION': {
    summary: 'Renomination: the authorization code entered on the admin node was checked.',
    cases: [
      { message: /incorrect/i, meaning: 'The authorization code was wrong.', action: 'Enter the correct authorization code.' },
      { message: /correct/i, meaning: 'The authorization code was right.' },
    ],
  },
  'INITIATE NOMINATION': {
    summary: 'Renomination: the admin node started the process on the nominated node.',
  },
  'STARTED ADMIN NODE NOMINATION APP': {
    summary: 'Renomination: the current admin node entered maintenance mode; its Admin UI console is locked until renomination ends.',
  },
  'ACTIVATE ADMIN APP': {
    summary: 'Renomination: the admin node left maintenance mode and its Admin UI console is active again.',
  },
  'REMOVED NOMINATION MODE APP': {
    summary: 'Renomination: the maintenance-mode application of the admin node was removed.',
  },
  'RESET PROCESS COMPLETED': {
    summary: 'Renomination: the reset of the former admin node finished.',
  },
  'COPY USER PRIVATE KEY': {
    summary: 'Renomination: the private key of the cluster\'s user (oagha) was copied to the nominated node.',
  },
  'COPY USER PUBLIC KEY': {
    summary: 'Renomination: the public key of the cluster\'s user (oagha) was copied to the nominated node.',
  },
  'UPDATE KEYS': {
    summary: 'Renomination: a worker added the host keys of the nominated admin node to its known hosts.',
  },
  'UPDATE HA CONFIG': {
    summary: 'Renomination: a worker updated its high-availability configuration with the new admin node.',
  },
  'PREPARE ACK FILE': {
    summary: 'Renomination: a worker prepared its acknowledgement of the new admin node.',
  },
  'SENT ACK FILE': {
    summary: 'Renomination: a worker sent its acknowledgement to the new admin node.',
    cases: [{ message: /completed successfully/i, meaning: 'Renomination finished successfully on this worker.' }],
  },
};
